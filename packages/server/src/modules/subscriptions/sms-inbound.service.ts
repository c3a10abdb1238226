import { randomUUID } from "node:crypto";
import { type RightsLibrary, rightsSmsAnswer } from "@aviso/content";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import type { AreasService } from "../areas/areas.service.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { ReportsService } from "../reports/reports.service.ts";
import { CONTACT_CONTEXT, readSubscriberPhone } from "./phone.ts";
import { parseSms } from "./sms-keywords.ts";
import { smsMessages } from "./sms-messages.ts";
import type { SubscriptionsRepository } from "./subscriptions.repository.ts";

const CHANNEL = "sms";

export interface SmsInboundOptions {
  publicUrl: string;
  hotline: string;
  /** ISO countries whose numbers may subscribe. */
  countries: string[];
  /** The rights library, read on the first text that needs it (not at every start-up). */
  rights: () => RightsLibrary;
  now?: () => Date;
}

/**
 * Answers a text message: JOIN/ALTA + ZIP or area, YES/SI to confirm, STOP and every opt-out
 * word, START, HELP/AYUDA, RIGHTS/DERECHOS, REPORT/REPORTE + ZIP + what is seen, and a short
 * help for anything else. The answer is
 * the same whether or not the number is known (so nobody can ask "is this number
 * subscribed?"), and a stopped number hears nothing until it texts START or HELP.
 */
export class SmsInboundService {
  readonly #subscriptions: SubscriptionsRepository;
  readonly #areas: AreasService;
  readonly #crypto: FieldCrypto;
  readonly #audit: AuditService;
  readonly #reports: ReportsService;
  readonly #options: SmsInboundOptions;
  readonly #now: () => Date;
  constructor(
    subscriptions: SubscriptionsRepository,
    areas: AreasService,
    crypto: FieldCrypto,
    audit: AuditService,
    reports: ReportsService,
    options: SmsInboundOptions,
  ) {
    this.#subscriptions = subscriptions;
    this.#areas = areas;
    this.#crypto = crypto;
    this.#audit = audit;
    this.#reports = reports;
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * REPORT 60623 what I see: a report with the number as its reply channel (sealed). The place
   * is a ZIP code or an area's name at the start; without one, nothing is stored and the
   * reply says how to send it.
   */
  async #report(
    body: string,
    restLength: number,
    lang: string,
    phone: { e164: string; isAllowedCountry: boolean },
  ): Promise<string> {
    const messages = smsMessages(lang);
    const text = body.trim().replace(/\s+/g, " ");
    const words = text
      .slice(text.length - restLength)
      .trim()
      .split(" ")
      .filter(Boolean);
    let place: { name: string; used: number } | undefined;
    for (let used = Math.min(4, words.length); used >= 1 && !place; used--) {
      const candidate = words
        .slice(0, used)
        .join(" ")
        .replace(/[,.:;]+$/, "");
      const [area] = await this.#areas.findForSubscription(candidate);
      if (area) place = { name: candidate, used };
    }
    if (!place) return messages.reportNeedsPlace;
    const seen = words.slice(place.used).join(" ").slice(0, 1000) || "(sent by text, no details)";
    const { receipt } = await this.#reports.submit(
      {
        language: lang,
        activity: seen,
        location: { place: place.name },
        ...(phone.isAllowedCountry ? { replyTo: phone.e164 } : {}),
      },
      "sms",
      { id: null, role: "reporter" },
    );
    return messages.reportReceived(receipt, this.#options.hotline);
  }

  /** The reply to send back, or undefined for none. `from` is the sender as Twilio gives it. */
  async handle(from: string, body: string): Promise<string | undefined> {
    const rights = rightsSmsAnswer(body, this.#options.rights(), this.#options.publicUrl);
    const parsed = parseSms(body);
    const phone = readSubscriberPhone(from, this.#crypto, this.#options.countries);
    const messages = smsMessages(rights?.lang ?? parsed.lang ?? "en");
    if (!phone) return messages.unknown(this.#options.hotline);
    const { e164, index } = phone;
    const now = this.#now().toISOString();

    if (parsed.intent === "stop") {
      const existed = await this.#subscriptions.stop(CHANNEL, index, now);
      await this.#audit.record({
        actor: { id: null, role: "subscriber" },
        action: "subscription.stopped",
        details: { channel: CHANNEL, existed },
      });
      return messages.stopped;
    }
    if (parsed.intent === "start") {
      await this.#subscriptions.unsuppress(CHANNEL, index);
      return messages.started;
    }
    if (parsed.intent === "help") return messages.help(this.#options.hotline);
    if (parsed.intent === "report") {
      const reply = await this.#report(body, parsed.rest.length, parsed.lang ?? "en", phone);
      // A number that opted out can still report; it is just not answered.
      return (await this.#subscriptions.isSuppressed(CHANNEL, index)) ? undefined : reply;
    }
    // A text from a reporter who was asked a question is its answer, whatever words it has
    // ("sí" must not confirm a subscription).
    const answered = await this.#reports.takeFollowUpAnswer(e164, body);
    const isSuppressed = await this.#subscriptions.isSuppressed(CHANNEL, index);
    if (answered)
      return isSuppressed
        ? undefined
        : smsMessages(answered.language).reportReceived(answered.receipt, this.#options.hotline);
    // Nothing else is ever sent to a number that opted out.
    if (isSuppressed) return undefined;
    if (rights) return rights.body;

    const existing = await this.#subscriptions.findByContact(CHANNEL, index);
    const lang = parsed.lang ?? existing?.language ?? "en";
    if (parsed.intent === "join") {
      if (!phone.isAllowedCountry) return messages.countryRefused;
      const areas = parsed.rest ? await this.#areas.findForSubscription(parsed.rest) : [];
      if (areas.length === 0) return messages.areaUnknown;
      await this.#subscriptions.savePending(
        {
          id: existing?.id ?? randomUUID(),
          channel: CHANNEL,
          contact_enc: this.#crypto.encrypt(e164, CONTACT_CONTEXT),
          contact_index: index,
          language: lang,
          status: "pending",
          created_at: now,
          confirmed_at: null,
          stopped_at: null,
          confirm_code_hash: null,
          confirm_expires_at: null,
          confirm_attempts: 0,
        },
        areas.map((area) => area.id),
      );
      return messages.askConfirm(areas.map((area) => area.name).join(", "));
    }
    if (parsed.intent === "confirm") {
      if (existing?.status !== "pending") return messages.nothingToConfirm;
      await this.#subscriptions.activate(existing.id, now);
      await this.#audit.record({
        actor: { id: null, role: "subscriber" },
        action: "subscription.confirmed",
        subject: { type: "subscriber", id: existing.id },
      });
      const names = await this.#areas.namesOf(await this.#subscriptions.areaIds(existing.id));
      return smsMessages(existing.language).confirmed(names.join(", "));
    }
    return messages.unknown(this.#options.hotline);
  }
}
