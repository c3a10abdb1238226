import { randomUUID } from "node:crypto";
import {
  ALERT_KINDS,
  type AlertEstimate,
  type AlertView,
  alertTemplates,
  cellDistance,
  countSmsSegments,
  type DeliveryReceipt,
  fillTemplate,
  LANGUAGES,
} from "@aviso/core";
import { z } from "zod";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import { AppError, conflict, invalid, notFound } from "../../errors.ts";
import type { AreasService } from "../areas/areas.service.ts";
import type { Actor, AuditService } from "../audit/audit.service.ts";
import type { NoticeSource, PublicNotice } from "../now/now.service.ts";
import { CONTACT_CONTEXT } from "../subscriptions/phone.ts";
import type { SmsReceipt } from "../subscriptions/sms.routes.ts";
import type { UsersService } from "../users/users.service.ts";
import { alertSms, alertText } from "./alert-message.ts";
import type { AlertSigner, SignedAlert } from "./alert-signer.ts";
import type { AlertRow, AlertsRepository } from "./alerts.repository.ts";
import type { DeliveryStore } from "./delivery-store.ts";

/** How many of the nearest ring's deliveries are queued before the rest of it. */
const FIRST_DELIVERIES = 1000;
/** A part of a fan-out on SQLite: half a second at a million subscribers, a claim's longest wait. */
const PART_ROWS = 50_000;
const LANGUAGE_CODES = LANGUAGES.map((l) => l.code) as [string, ...string[]];
const Texts = z
  .partialRecord(z.enum(LANGUAGE_CODES), z.string().trim().min(1, "write the alert").max(1000))
  .refine((texts) => Object.keys(texts).length > 0, "give the text in at least one language");

export const NewAlert = z.strictObject({
  kind: z.enum(ALERT_KINDS.filter((k) => k !== "retraction") as [string, ...string[]]),
  areaIds: z.array(z.string().min(1).max(64)).min(1, "choose at least one area").max(100),
  texts: Texts,
  /** Where deliveries are ranked from (an incident's cell); defaults to the first area's centre. */
  originCell: z
    .string()
    .regex(/^8[0-9a-f]{14}$/, "an H3 cell index")
    .optional(),
  expiresInHours: z.number().int().min(1).max(72).optional(),
});
export type NewAlert = z.infer<typeof NewAlert>;

export const AlertEstimateInput = z.strictObject({
  areaIds: z.array(z.string().min(1).max(64)).max(100),
  texts: z.record(z.string(), z.string().max(1000)),
});

export const RetractAlert = z.strictObject({ texts: Texts.optional() });

export interface AlertOptions {
  twoPersonRule: boolean;
  expiryHours: number;
  publicUrl: string;
  hotline: string;
  sms: { costPerSegment: number };
  /** Messages per second each channel sends at (the estimate's time to deliver). */
  rates: Record<"sms" | "email" | "push", number>;
  /** Subscribers per part of a fan-out where the database runs it in parts (SQLite). */
  fanOutPartRows?: number;
  now?: () => Date;
}

const DELIVERY_STATUSES = ["queued", "sending", "sent", "delivered", "failed", "cancelled"];

/** Masks a number for the console: country code and the last two digits only. */
export const maskPhone = (e164: string) =>
  e164.length < 6 ? "•••" : `${e164.slice(0, 2)} ••• ••• ••${e164.slice(-2)}`;

/**
 * Alerts: composed by one staff member, approved by another (the two-person rule), signed with
 * the installation's Ed25519 key, and fanned out to every active subscriber of the areas,
 * nearest first. Cancelling stops what is still queued; a retraction goes to exactly the
 * subscribers the original reached.
 */
export class AlertsService {
  readonly #alerts: AlertsRepository;
  readonly #deliveries: DeliveryStore;
  readonly #areas: AreasService;
  readonly #staff: Pick<UsersService, "directory">;
  readonly #signer: AlertSigner;
  readonly #crypto: FieldCrypto;
  readonly #audit: AuditService;
  readonly #options: AlertOptions;
  readonly #now: () => Date;
  readonly #fanouts = new Set<Promise<void>>();
  /** Called when deliveries are queued, so this process's senders start at once. */
  onQueued: () => void = () => {};
  /** Called when a fan-out fails; it is left unfinished, and resumed on the next start. */
  onFanOutError: (error: unknown, alertId: string) => void = () => {};
  constructor(
    alerts: AlertsRepository,
    areas: AreasService,
    /** Staff names, for who composed and who approved. */
    staff: Pick<UsersService, "directory">,
    signer: AlertSigner,
    crypto: FieldCrypto,
    audit: AuditService,
    options: AlertOptions,
    /** Where the fan-out runs its statements (off the main thread, but for SQLite in memory). */
    deliveries: DeliveryStore,
  ) {
    this.#alerts = alerts;
    this.#deliveries = deliveries;
    this.#areas = areas;
    this.#staff = staff;
    this.#signer = signer;
    this.#crypto = crypto;
    this.#audit = audit;
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  async compose(input: NewAlert, actor: Actor): Promise<AlertView> {
    await this.#checkAreas(input.areaIds);
    return this.#create(
      {
        kind: input.kind,
        areaIds: input.areaIds,
        texts: input.texts as Record<string, string>,
        originCell: input.originCell ?? null,
        retractsId: null,
        expiresInHours: input.expiresInHours,
      },
      actor,
    );
  }

  /** The words a kind starts from in a language, with the areas, window and hotline filled. */
  async draftTexts(
    kind: string,
    areaIds: string[],
    languages: string[],
    window: string,
  ): Promise<Record<string, string>> {
    const area = (await this.#areas.namesOf(areaIds)).join(", ");
    return Object.fromEntries(
      languages.map((lang) => [
        lang,
        fillTemplate(alertTemplates(lang).kinds[kind as (typeof ALERT_KINDS)[number]] ?? "", {
          area,
          window,
          hotline: this.#options.hotline,
        }),
      ]),
    );
  }

  /**
   * Who would get it, in how many SMS segments per language (SMS recipients only: email and
   * push cost no segments), how long (the channels send side by side, each at its own rate)
   * and how much.
   */
  async estimate(areaIds: string[], texts: Record<string, string>): Promise<AlertEstimate> {
    const audience = await this.#alerts.audience(areaIds);
    const byLang = new Map<string, number>();
    for (const row of audience)
      if (row.channel === "sms") byLang.set(row.language, (byLang.get(row.language) ?? 0) + row.n);
    const langs = new Set([...byLang.keys(), ...Object.keys(texts)]);
    const languages = [...langs].sort().map((lang) => {
      const sample = alertSms(texts, lang, "XXXXXX", this.#options.publicUrl);
      const segments = countSmsSegments(sample);
      return {
        lang,
        n: byLang.get(lang) ?? 0,
        encoding: segments.encoding,
        segments: segments.segments,
      };
    });
    const channels = new Map<string, number>();
    for (const row of audience) channels.set(row.channel, (channels.get(row.channel) ?? 0) + row.n);
    const total = [...channels.values()].reduce((a, b) => a + b, 0);
    const segments = languages.reduce((sum, l) => sum + l.n * l.segments, 0);
    return {
      recipients: [...channels].map(([channel, n]) => ({ channel, n })),
      languages,
      total,
      segments,
      seconds: Math.max(
        0,
        ...[...channels].map(([channel, n]) =>
          Math.ceil(n / this.#options.rates[channel as keyof AlertOptions["rates"]]),
        ),
      ),
      cost: Math.round(segments * this.#options.sms.costPerSegment * 100) / 100,
    };
  }

  /**
   * Approves, signs and starts sending. With the two-person rule the composer cannot approve
   * their own alert. The answer comes at once; fan-out and sending carry on in the background.
   */
  async approve(id: string, actor: Actor): Promise<AlertView> {
    const alert = await this.#find(id);
    if (alert.status !== "pending_approval")
      throw conflict(
        "ALERT_NOT_PENDING",
        `This alert is ${alert.status}, not waiting for approval.`,
      );
    if (this.#options.twoPersonRule && actor.id === alert.composed_by)
      throw new AppError(
        "forbidden",
        "TWO_PERSON_RULE",
        "Another dispatcher must approve this alert: nobody approves their own.",
      );
    const now = this.#now().toISOString();
    const { signature, code } = await this.#signer.sign(await this.#signedForm(alert, now));
    const moved = await this.#alerts.transition(id, ["pending_approval"], {
      status: "sending",
      approved_by: actor.id,
      approved_at: now,
      signature,
      verification_code: code,
    });
    if (!moved) throw conflict("ALERT_NOT_PENDING", "This alert was changed meanwhile.");
    await this.#audit.record({
      actor,
      action: "alert.approved",
      subject: { type: "alert", id },
      details: { kind: alert.kind, code },
    });
    this.#startFanOut({ ...alert, status: "sending", approved_at: now });
    return this.get(id);
  }

  async reject(id: string, actor: Actor): Promise<AlertView> {
    if (!(await this.#alerts.transition(id, ["pending_approval"], { status: "rejected" })))
      throw conflict("ALERT_NOT_PENDING", "Only an alert waiting for approval can be rejected.");
    await this.#audit.record({ actor, action: "alert.rejected", subject: { type: "alert", id } });
    return this.get(id);
  }

  /** Stops an alert: what is still queued is cancelled; messages already sent stay sent. */
  async cancel(id: string, actor: Actor): Promise<AlertView> {
    const now = this.#now().toISOString();
    const moved = await this.#alerts.transition(id, ["pending_approval", "sending"], {
      status: "cancelled",
      cancelled_at: now,
    });
    if (!moved)
      throw conflict("ALERT_NOT_ACTIVE", "Only a pending or sending alert can be cancelled.");
    const cancelled = await this.#alerts.cancelQueued(id, "alert_cancelled", now);
    await this.#audit.record({
      actor,
      action: "alert.cancelled",
      subject: { type: "alert", id },
      details: { cancelledDeliveries: cancelled },
    });
    return this.get(id);
  }

  /**
   * A correction to exactly those the original reached. The original stops sending at once;
   * the retraction waits for approval like any alert.
   */
  async retract(id: string, input: z.infer<typeof RetractAlert>, actor: Actor): Promise<AlertView> {
    const original = await this.#find(id);
    if (!["sending", "sent", "cancelled"].includes(original.status) || !original.approved_at)
      throw conflict("ALERT_NOT_SENT", "Only an alert that was sent can be retracted.");
    const now = this.#now().toISOString();
    if (original.status === "sending") {
      await this.#alerts.transition(id, ["sending"], { status: "cancelled", cancelled_at: now });
      await this.#alerts.cancelQueued(id, "retracted", now);
    }
    const areaIds = JSON.parse(original.area_ids) as string[];
    const texts =
      input.texts ??
      (await this.draftTexts(
        "retraction",
        areaIds,
        Object.keys(JSON.parse(original.texts) as Record<string, string>),
        "",
      ));
    return this.#create(
      {
        kind: "retraction",
        areaIds,
        texts: texts as Record<string, string>,
        originCell: original.origin_cell,
        retractsId: id,
        expiresInHours: undefined,
      },
      actor,
    );
  }

  async list(limit = 50): Promise<AlertView[]> {
    const rows = await this.#alerts.latest(limit);
    const staff = await this.#staff.directory();
    return Promise.all(rows.map((row) => this.#view(row, staff)));
  }

  async get(id: string): Promise<AlertView> {
    return this.#view(await this.#find(id), await this.#staff.directory());
  }

  /** Delivery receipts, nearest first, with masked numbers: an audited read. */
  async deliveries(id: string, page: number, actor: Actor): Promise<DeliveryReceipt[]> {
    await this.#find(id);
    const size = 50;
    const rows = await this.#alerts.deliveries(id, size, page * size);
    await this.#audit.record({
      actor,
      action: "alert.deliveries_read",
      subject: { type: "alert", id },
      reason: "console.alert_receipts",
      details: { page, count: rows.length },
    });
    return rows.map((row) => ({
      to: row.contact_enc
        ? maskPhone(this.#crypto.decrypt(row.contact_enc, CONTACT_CONTEXT))
        : "(erased)",
      channel: row.channel,
      language: row.language,
      rank: row.rank,
      status: row.status,
      attempts: row.attempts,
      providerId: row.provider_id,
      error: row.error,
      sentAt: row.sent_at,
      updatedAt: row.updated_at,
    }));
  }

  /** The signed alert behind a verification code, for anyone checking a text they got. */
  async verify(code: string) {
    const alert = await this.#alerts.findByCode(code.trim().toUpperCase());
    if (!alert?.signature || !alert.approved_at)
      throw notFound(
        "ALERT_CODE_UNKNOWN",
        "No alert from us has that code. If a text claims to be from us with this code, it is not.",
      );
    const signed = await this.#signedForm(alert, alert.approved_at);
    return {
      signed,
      signature: alert.signature,
      verificationCode: alert.verification_code ?? "",
      valid: await this.#signer.verify(signed, alert.signature),
      status: alert.status,
    };
  }

  async publicKey(): Promise<string> {
    return this.#signer.publicKeyPem();
  }

  /** The notices for the public "what is true now" page: alerts in force, minus retracted ones. */
  readonly notices: NoticeSource = async (lang, now) => {
    const rows = await this.#alerts.inForce(now.toISOString());
    const retracted = new Set(rows.map((row) => row.retracts_id).filter(Boolean));
    const notices: PublicNotice[] = [];
    for (const row of rows) {
      if (retracted.has(row.id) || !row.approved_at || !row.verification_code) continue;
      notices.push({
        kind: row.kind as PublicNotice["kind"],
        lang,
        text: alertText(JSON.parse(row.texts) as Record<string, string>, lang).text,
        areaNames: await this.#areas.namesOf(JSON.parse(row.area_ids) as string[]),
        validFrom: row.approved_at,
        validUntil: row.expires_at,
        verificationCode: row.verification_code,
        ...(row.signature ? { signature: row.signature } : {}),
      });
    }
    return notices;
  };

  async deliveryInventory() {
    return this.#alerts.deliveryInventory();
  }

  async purgeDeliveries(cutoff: string, dryRun: boolean): Promise<number> {
    return this.#alerts.purgeDeliveries(cutoff, dryRun);
  }

  /**
   * A provider's delivery receipt (the signed status webhook): the delivery of that alert to
   * the subscriber with that number, if it still carries that message id.
   */
  async receipt(receipt: SmsReceipt): Promise<number> {
    return this.#alerts.receipt(
      {
        alertId: receipt.alertId,
        contactIndex: this.#crypto.blindIndex(receipt.to.trim(), CONTACT_CONTEXT),
        providerId: receipt.providerId,
      },
      receipt.status,
      receipt.error,
      this.#now().toISOString(),
    );
  }

  /** Resumes fan-outs a dead process left unfinished (safe to repeat: deliveries are unique). */
  async resumeFanOuts(): Promise<number> {
    const rows = await this.#alerts.unfinishedFanouts();
    for (const row of rows) this.#startFanOut(row);
    return rows.length;
  }

  /** Resolves when every fan-out this process started has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#fanouts.size > 0) await Promise.all([...this.#fanouts]);
  }

  #startFanOut(alert: AlertRow): void {
    const run = this.#fanOut(alert)
      .catch((error: unknown) => this.onFanOutError(error, alert.id))
      .finally(() => this.#fanouts.delete(run));
    this.#fanouts.add(run);
  }

  /** Ranks the areas by ring distance from the origin and queues the deliveries, nearest first. */
  async #fanOut(alert: AlertRow): Promise<void> {
    const now = () => this.#now().toISOString();
    if (alert.retracts_id) {
      await this.#deliveries.fanOutRetraction(alert.id, alert.retracts_id, now());
      this.onQueued();
    } else {
      const areaIds = JSON.parse(alert.area_ids) as string[];
      const cells = await Promise.all(areaIds.map((id) => this.#areas.centreCell(id)));
      const origin = alert.origin_cell ?? cells[0] ?? "";
      const ranked = areaIds
        .map((id, i): [string, number] => [id, cellDistance(origin, cells[i] ?? "") ?? 10_000])
        .sort((a, b) => a[1] - b[1]);
      // The nearest ring first (its deliveries are claimed and sent while the rest is queued):
      // a few of its subscribers, so the first messages wait for a small statement and not for
      // the whole ring (on PostgreSQL, a ring of 13,000 of a million took a second), then all
      // of it (those already queued are skipped); then everything else in one pass (one scan,
      // not one per ring), in parts of the subscribers by id on SQLite.
      let cut = 1;
      while (cut < ranked.length && ranked[cut]?.[1] === ranked[0]?.[1]) cut++;
      const nearest = ranked.slice(0, cut);
      const rest = ranked.slice(cut);
      if (!(await this.#queue(alert.id, nearest, { limit: FIRST_DELIVERIES, few: true }))) return;
      if (!(await this.#queue(alert.id, nearest, { few: true }))) return;
      let after: string | null = null;
      while (rest.length > 0) {
        const part = await this.#deliveries.subscriberPart(
          after,
          this.#options.fanOutPartRows ?? PART_ROWS,
        );
        if (!(await this.#queue(alert.id, rest, { part }))) return;
        if (part.upTo === null) break;
        after = part.upTo;
      }
    }
    await this.#alerts.refreshStatistics();
    await this.#alerts.transition(alert.id, ["sending", "cancelled"], { fanout_done_at: now() });
    // Senders look again: an alert whose deliveries all went out before its fan-out was done
    // (or that had none) is finished by their next look.
    this.onQueued();
    // Cancelled while the last ring was being queued: nothing of it may go out.
    const after = await this.#alerts.find(alert.id);
    if (after?.status === "cancelled")
      await this.#alerts.cancelQueued(alert.id, "alert_cancelled", now());
  }

  /** One statement of a fan-out, unless the alert is no longer sending; says whether it ran. */
  async #queue(
    alertId: string,
    ranked: [areaId: string, rank: number][],
    options: Parameters<DeliveryStore["fanOut"]>[3],
  ): Promise<boolean> {
    const current = await this.#alerts.find(alertId);
    if (current?.status !== "sending") return false;
    await this.#deliveries.fanOut(alertId, ranked, this.#now().toISOString(), options);
    // Senders woken here ask for their claims before the next part is asked for (the store's
    // turn lets them), so the nearest areas go out while the far ones are queued.
    this.onQueued();
    await this.#deliveries.turn();
    await new Promise((resolve) => setImmediate(resolve));
    return true;
  }

  async #create(
    input: {
      kind: string;
      areaIds: string[];
      texts: Record<string, string>;
      originCell: string | null;
      retractsId: string | null;
      expiresInHours: number | undefined;
    },
    actor: Actor,
  ): Promise<AlertView> {
    if (!actor.id) throw invalid("ALERT_NEEDS_STAFF", "Only a staff member can compose an alert.");
    const now = this.#now();
    const id = randomUUID();
    await this.#alerts.insert({
      id,
      kind: input.kind,
      status: "pending_approval",
      area_ids: JSON.stringify(input.areaIds),
      origin_cell: input.originCell,
      texts: JSON.stringify(input.texts),
      retracts_id: input.retractsId,
      composed_by: actor.id,
      approved_by: null,
      created_at: now.toISOString(),
      approved_at: null,
      expires_at: new Date(
        now.getTime() + (input.expiresInHours ?? this.#options.expiryHours) * 3_600_000,
      ).toISOString(),
      signature: null,
      verification_code: null,
      fanout_done_at: null,
      cancelled_at: null,
      finished_at: null,
    });
    await this.#audit.record({
      actor,
      action: "alert.composed",
      subject: { type: "alert", id },
      details: { kind: input.kind, areas: input.areaIds.length, retracts: input.retractsId },
    });
    return this.get(id);
  }

  async #checkAreas(areaIds: string[]): Promise<void> {
    const names = await this.#areas.namesOf(areaIds);
    if (names.length !== new Set(areaIds).size)
      throw invalid("AREA_UNKNOWN", "One of the chosen areas does not exist.", {
        field: "areaIds",
      });
  }

  async #signedForm(alert: AlertRow, issuedAt: string): Promise<SignedAlert> {
    return {
      id: alert.id,
      kind: alert.kind,
      areas: await this.#areas.namesOf(JSON.parse(alert.area_ids) as string[]),
      texts: JSON.parse(alert.texts) as Record<string, string>,
      issuedAt,
      expiresAt: alert.expires_at,
      retracts: alert.retracts_id,
    };
  }

  async #find(id: string): Promise<AlertRow> {
    const alert = await this.#alerts.find(id);
    if (!alert) throw notFound("ALERT_NOT_FOUND", `No alert has the id ${id}`);
    return alert;
  }

  async #view(row: AlertRow, staff: Map<string, { name: string }>): Promise<AlertView> {
    const nameOf = (id: string) => staff.get(id)?.name ?? "former staff";
    const areaIds = JSON.parse(row.area_ids) as string[];
    const progress = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0]));
    for (const p of await this.#alerts.progress(row.id))
      progress[p.status] = (progress[p.status] ?? 0) + p.n;
    return {
      id: row.id,
      kind: row.kind,
      status: row.status,
      areaIds,
      areaNames: await this.#areas.namesOf(areaIds),
      texts: JSON.parse(row.texts) as Record<string, string>,
      retractsId: row.retracts_id,
      composedBy: row.composed_by,
      composedByName: nameOf(row.composed_by),
      approvedBy: row.approved_by,
      approvedByName: row.approved_by === null ? null : nameOf(row.approved_by),
      createdAt: row.created_at,
      approvedAt: row.approved_at,
      expiresAt: row.expires_at,
      signature: row.signature,
      verificationCode: row.verification_code,
      fanoutDone: row.fanout_done_at !== null,
      progress,
    };
  }
}
