import { createHash, randomBytes, randomInt, randomUUID } from "node:crypto";
import { escapeHtml } from "@aviso/content";
import { LANGUAGES } from "@aviso/core";
import { z } from "zod";
import type { MessageChannel } from "../../channels/channel.ts";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import { safeEqual } from "../../crypto/tokens.ts";
import { AppError, invalid } from "../../errors.ts";
import type { AreasService } from "../areas/areas.service.ts";
import type { AuditService } from "../audit/audit.service.ts";
import {
  CHANNELS,
  readContact,
  type SubscriberChannel,
  unsubscribeHeaders,
  unsubscribeToken,
  unsubscribeUrl,
} from "./contacts.ts";
import { CONTACT_CONTEXT } from "./phone.ts";
import type { SubscriptionsRepository } from "./subscriptions.repository.ts";

export const NewSubscription = z.object({
  channel: z.enum(CHANNELS),
  /** A phone number, an email address, or a browser's push subscription as JSON. */
  contact: z.string().trim().min(3).max(2000),
  language: z.enum(LANGUAGES.map((l) => l.code) as [string, ...string[]]),
  areaIds: z.array(z.string().min(1).max(64)).min(1, "choose at least one area").max(20),
});
export const ConfirmSubscription = z.object({
  id: z.string().min(1).max(64),
  /** The texted 6-digit code, or the token from the emailed link. */
  code: z.string().regex(/^(\d{6}|[A-Za-z0-9_-]{43})$/, "the code has 6 digits"),
});

const CODE_MINUTES = 15;
const LINK_HOURS = 24;
const MAX_ATTEMPTS = 5;
const SENDS_PER_NUMBER_PER_HOUR = 5;
const SENDS_PER_HOUR = 1000;
const hashCode = (id: string, code: string) =>
  createHash("sha256").update(`${id}:${code}`).digest("base64url");

/**
 * Subscribing on the web. SMS: double opt-in by a 6-digit code sent to the number; email: by a
 * link; web push: the browser's own permission prompt is the consent, so it is active at once.
 * The answer is the same whether or not the contact is known or opted out (nothing is sent to
 * an opted-out contact); confirmations are capped per contact and overall, and only US numbers
 * are accepted by default, so nobody can pump premium-rate texts through the form.
 */
export class WebSubscriptionsService {
  readonly #subscriptions: SubscriptionsRepository;
  readonly #areas: AreasService;
  readonly #crypto: FieldCrypto;
  readonly #audit: AuditService;
  readonly #channels: { sms: MessageChannel; email: MessageChannel };
  readonly #countries: string[];
  readonly #publicUrl: string;
  readonly #now: () => Date;
  constructor(
    subscriptions: SubscriptionsRepository,
    areas: AreasService,
    crypto: FieldCrypto,
    audit: AuditService,
    channels: { sms: MessageChannel; email: MessageChannel },
    options: { countries: string[]; publicUrl: string; now?: () => Date },
  ) {
    this.#subscriptions = subscriptions;
    this.#areas = areas;
    this.#crypto = crypto;
    this.#audit = audit;
    this.#channels = channels;
    this.#countries = options.countries;
    this.#publicUrl = options.publicUrl;
    this.#now = options.now ?? (() => new Date());
  }

  async subscribe(
    input: z.infer<typeof NewSubscription>,
  ): Promise<{ id: string; status: "pending" | "active" }> {
    const contact = readContact(input.channel, input.contact, this.#crypto, this.#countries);
    if (!contact.isAllowedCountry) {
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
    const { index } = contact;
    if (contact.confirmBy !== "none") {
      const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
      if ((await this.#subscriptions.countSends(hourAgo, index)) >= SENDS_PER_NUMBER_PER_HOUR) {
        throw new AppError(
          "rate_limited",
          "CONFIRMATION_LIMIT",
          "Too many confirmations were sent to this contact. Try again in an hour.",
        );
      }
      if ((await this.#subscriptions.countSends(hourAgo)) >= SENDS_PER_HOUR) {
        throw new AppError(
          "rate_limited",
          "CONFIRMATION_LIMIT_GLOBAL",
          "We are sending too many confirmations right now. Try again later.",
        );
      }
      await this.#subscriptions.recordSend(index, now.toISOString());
    }
    // An opted-out contact gets the same answer and nothing is sent or stored.
    if (await this.#subscriptions.isSuppressed(contact.channel, index))
      return { id: randomUUID(), status: contact.confirmBy === "none" ? "active" : "pending" };

    const existing = await this.#subscriptions.findByContact(contact.channel, index);
    const id = existing?.id ?? randomUUID();
    const code =
      contact.confirmBy === "code"
        ? String(randomInt(0, 1_000_000)).padStart(6, "0")
        : randomBytes(32).toString("base64url");
    const active = contact.confirmBy === "none" || existing?.status === "active";
    const minutes = contact.confirmBy === "link" ? LINK_HOURS * 60 : CODE_MINUTES;
    await this.#subscriptions.savePending(
      {
        id,
        channel: contact.channel,
        contact_enc: this.#crypto.encrypt(contact.value, CONTACT_CONTEXT),
        contact_index: index,
        language: input.language,
        status: active ? "active" : "pending",
        created_at: now.toISOString(),
        confirmed_at: active ? (existing?.confirmed_at ?? now.toISOString()) : null,
        stopped_at: null,
        confirm_code_hash: contact.confirmBy === "none" ? null : hashCode(id, code),
        confirm_expires_at:
          contact.confirmBy === "none"
            ? null
            : new Date(now.getTime() + minutes * 60_000).toISOString(),
        confirm_attempts: 0,
      },
      input.areaIds,
    );
    await this.#sendConfirmation(contact.channel, contact.value, id, code, names);
    if (contact.confirmBy === "none") {
      await this.#audit.record({
        actor: { id: null, role: "subscriber" },
        action: "subscription.confirmed",
        subject: { type: "subscriber", id },
        details: { channel: contact.channel },
      });
      return { id, status: "active" };
    }
    return { id, status: "pending" };
  }

  async #sendConfirmation(
    channel: SubscriberChannel,
    to: string,
    id: string,
    code: string,
    names: string[],
  ): Promise<void> {
    if (channel === "sms") {
      await this.#channels.sms.send({
        channel: "sms",
        to,
        body: `Aviso: your code is ${code}. It confirms alerts for ${names.join(", ")}. Reply STOP to stop.`,
      });
    } else if (channel === "email") {
      const link = `${this.#publicUrl}/subscribe?confirm=${encodeURIComponent(id)}&code=${code}`;
      const unsubscribe = unsubscribeUrl(this.#crypto, this.#publicUrl, id);
      const areas = names.join(", ");
      await this.#channels.email.send({
        channel: "email",
        to,
        subject: "Confirm your Aviso alerts",
        body: `Someone (we hope you) asked for verified alerts about immigration enforcement in ${areas}.\n\nConfirm here within ${LINK_HOURS} hours:\n${link}\n\nIf it was not you, ignore this email: nothing will be sent.`,
        html: `<p>Someone (we hope you) asked for verified alerts about immigration enforcement in ${escapeHtml(areas)}.</p><p><a href="${escapeHtml(link)}">Confirm my alerts</a> (within ${LINK_HOURS} hours)</p><p>If it was not you, ignore this email: nothing will be sent.</p>`,
        headers: unsubscribeHeaders(unsubscribe),
      });
    }
  }

  /** One-click unsubscribe from an email link: the subscription stops and its contact is erased. */
  async unsubscribe(id: string, token: string): Promise<void> {
    const row = await this.#subscriptions.findById(id);
    if (!row || !safeEqual(unsubscribeToken(this.#crypto, id), token))
      throw invalid("UNSUBSCRIBE_LINK_INVALID", "This unsubscribe link is not valid.");
    if (row.contact_index)
      await this.#subscriptions.stop(row.channel, row.contact_index, this.#now().toISOString());
    await this.#audit.record({
      actor: { id: null, role: "subscriber" },
      action: "subscription.stopped",
      subject: { type: "subscriber", id },
      details: { channel: row.channel, via: "unsubscribe_link" },
    });
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
