import { createHash, randomInt, randomUUID } from "node:crypto";
import { LANGUAGES } from "@aviso/core";
import { z } from "zod";
import type { MessageChannel } from "../../channels/channel.ts";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import { safeEqual } from "../../crypto/tokens.ts";
import { AppError, invalid } from "../../errors.ts";
import type { AreasService } from "../areas/areas.service.ts";
import type { AuditService } from "../audit/audit.service.ts";
import { CONTACT_CONTEXT, readSubscriberPhone } from "./phone.ts";
import type { SubscriptionsRepository } from "./subscriptions.repository.ts";

export const NewSubscription = z.object({
  channel: z.literal("sms"),
  contact: z.string().trim().min(3).max(40),
  language: z.enum(LANGUAGES.map((l) => l.code) as [string, ...string[]]),
  areaIds: z.array(z.string().min(1).max(64)).min(1, "choose at least one area").max(20),
});
export const ConfirmSubscription = z.object({
  id: z.string().min(1).max(64),
  code: z.string().regex(/^\d{6}$/, "the code has 6 digits"),
});

const CODE_MINUTES = 15;
const MAX_ATTEMPTS = 5;
const SENDS_PER_NUMBER_PER_HOUR = 5;
const SENDS_PER_HOUR = 1000;
const hashCode = (id: string, code: string) =>
  createHash("sha256").update(`${id}:${code}`).digest("base64url");

/**
 * Subscribing on the web: double opt-in by a 6-digit code sent to the number. The answer is
 * the same whether or not the number is known or opted out (nothing is sent to an opted-out
 * number); codes are capped per number and overall, and only US numbers are accepted by
 * default, so nobody can pump premium-rate texts through the form.
 */
export class WebSubscriptionsService {
  readonly #subscriptions: SubscriptionsRepository;
  readonly #areas: AreasService;
  readonly #crypto: FieldCrypto;
  readonly #audit: AuditService;
  readonly #channel: MessageChannel;
  readonly #countries: string[];
  readonly #now: () => Date;
  constructor(
    subscriptions: SubscriptionsRepository,
    areas: AreasService,
    crypto: FieldCrypto,
    audit: AuditService,
    channel: MessageChannel,
    options: { countries: string[]; now?: () => Date },
  ) {
    this.#subscriptions = subscriptions;
    this.#areas = areas;
    this.#crypto = crypto;
    this.#audit = audit;
    this.#channel = channel;
    this.#countries = options.countries;
    this.#now = options.now ?? (() => new Date());
  }

  async subscribe(
    input: z.infer<typeof NewSubscription>,
  ): Promise<{ id: string; status: "pending" }> {
    const phone = readSubscriberPhone(input.contact, this.#crypto, this.#countries);
    if (!phone)
      throw invalid(
        "CONTACT_INVALID",
        "That is not a phone number we can text. Write it like 312-555-0123.",
        { field: "contact" },
      );
    if (!phone.isAllowedCountry) {
      throw invalid(
        "COUNTRY_NOT_ALLOWED",
        `Alerts can only be sent to numbers in: ${this.#countries.join(", ")}.`,
        { field: "contact" },
      );
    }
    const names = await this.#areas.namesOf(input.areaIds);
    if (names.length !== new Set(input.areaIds).size)
      throw invalid("AREA_UNKNOWN", "One of the chosen areas does not exist.", {
        field: "areaIds",
      });

    const now = this.#now();
    const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
    const { e164, index } = phone;
    if ((await this.#subscriptions.countSends(hourAgo, index)) >= SENDS_PER_NUMBER_PER_HOUR) {
      throw new AppError(
        "rate_limited",
        "CONFIRMATION_LIMIT",
        "Too many codes were sent to this number. Try again in an hour.",
      );
    }
    if ((await this.#subscriptions.countSends(hourAgo)) >= SENDS_PER_HOUR) {
      throw new AppError(
        "rate_limited",
        "CONFIRMATION_LIMIT_GLOBAL",
        "We are sending too many codes right now. Try again later.",
      );
    }
    await this.#subscriptions.recordSend(index, now.toISOString());
    // An opted-out number gets the same answer and nothing is sent or stored.
    if (await this.#subscriptions.isSuppressed("sms", index))
      return { id: randomUUID(), status: "pending" };

    const existing = await this.#subscriptions.findByContact("sms", index);
    const id = existing?.id ?? randomUUID();
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    await this.#subscriptions.savePending(
      {
        id,
        channel: "sms",
        contact_enc: this.#crypto.encrypt(e164, CONTACT_CONTEXT),
        contact_index: index,
        language: input.language,
        status: existing?.status === "active" ? "active" : "pending",
        created_at: now.toISOString(),
        confirmed_at: existing?.confirmed_at ?? null,
        stopped_at: null,
        confirm_code_hash: hashCode(id, code),
        confirm_expires_at: new Date(now.getTime() + CODE_MINUTES * 60_000).toISOString(),
        confirm_attempts: 0,
      },
      input.areaIds,
    );
    await this.#channel.send({
      channel: "sms",
      to: e164,
      body: `Aviso: your code is ${code}. It confirms alerts for ${names.join(", ")}. Reply STOP to stop.`,
    });
    return { id, status: "pending" };
  }

  async confirm(
    input: z.infer<typeof ConfirmSubscription>,
  ): Promise<{ id: string; status: "active" }> {
    const row = await this.#subscriptions.findById(input.id);
    const wrong = () =>
      invalid("CODE_WRONG", "That code is not right. Check the latest text from Aviso.");
    if (!row?.confirm_code_hash || !row.confirm_expires_at) throw wrong();
    if (row.confirm_attempts >= MAX_ATTEMPTS)
      throw new AppError(
        "rate_limited",
        "CODE_ATTEMPTS",
        "Too many wrong codes. Ask for a new one.",
      );
    if (row.confirm_expires_at <= this.#now().toISOString())
      throw invalid("CODE_EXPIRED", "That code has expired. Ask for a new one.");
    if (!safeEqual(hashCode(row.id, input.code), row.confirm_code_hash)) {
      await this.#subscriptions.countAttempt(row.id);
      throw wrong();
    }
    await this.#subscriptions.activate(row.id, this.#now().toISOString());
    await this.#audit.record({
      actor: { id: null, role: "subscriber" },
      action: "subscription.confirmed",
      subject: { type: "subscriber", id: row.id },
    });
    return { id: row.id, status: "active" };
  }
}
