import { randomUUID } from "node:crypto";
import {
  type AreaSummary,
  cellForPoint,
  LANGUAGES,
  type ReportDetails,
  type ReportView,
} from "@aviso/core";
import { z } from "zod";
import { ChannelError, type MessageChannel } from "../../channels/channel.ts";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import { readableCode } from "../../crypto/tokens.ts";
import { WriteBatch } from "../../db/write-batch.ts";
import { conflict, invalid, notFound, unavailable } from "../../errors.ts";
import type { AreasService } from "../areas/areas.service.ts";
import type { Actor, AuditEvent, AuditService } from "../audit/audit.service.ts";
import type { LiveEvents } from "../events/live-events.ts";
import { type CleanPhoto, MAX_PHOTO_BASE64, type PhotosService } from "../photos/photos.service.ts";
import { readPhone } from "../subscriptions/phone.ts";
import { screenReportText, type TipFlag } from "./hostile-tip.ts";
import type { ReportRow, ReportsRepository } from "./reports.repository.ts";

const text = (max: number) => z.string().trim().max(max).optional();

/**
 * What a resident or an operator reports, by SALUTE, plus a note and an optional reply number.
 * Strict: a field that is not here (a name, a status, an address) is refused, not dropped.
 */
export const NewReport = z.strictObject({
  language: z.enum(LANGUAGES.map((l) => l.code) as [string, ...string[]]).default("en"),
  /** S: how many agents, how many vehicles. */
  size: text(200),
  /** A: what they are doing. */
  activity: z.string().trim().min(1, "say what you saw").max(1000),
  /** L: a point (a pin or the phone's location), or a ZIP code or neighborhood typed. */
  location: z.union(
    [
      z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }),
      z.strictObject({
        place: z.string().trim().min(1, "type a ZIP code or neighborhood").max(120),
      }),
    ],
    { error: "give a location: a pin on the map, or a ZIP code or neighborhood" },
  ),
  /** U: uniforms, insignia, what the vests or badges say. */
  uniform: text(300),
  /** T: when it was seen (defaults to now). */
  seenAt: z.iso.datetime({ offset: true }).optional(),
  /** E: equipment and vehicles. */
  equipment: text(300),
  note: text(2000),
  /** A number for one follow-up question; erased by the retention rule. */
  replyTo: text(40),
  /** One photo as base64 or a data: URL; its metadata is stripped before it is stored. */
  photo: z
    .string()
    .max(MAX_PHOTO_BASE64 + 100, "the photo is larger than 10 MB")
    .optional(),
});
export type NewReport = z.infer<typeof NewReport>;

/** Where and when a report was seen, without what it says: for clustering and dispatch. */
export interface ReportPlace {
  id: string;
  status: string;
  areaId: string | null;
  cell: string;
  /** The precise point while the retention rule keeps it, else null (use the cell). */
  point: { lat: number; lng: number } | null;
  flags: TipFlag[];
  seenAt: string;
}

/** A report checked and sealed, waiting for its turn to be written. */
interface PendingReport {
  row: ReportRow;
  photo: CleanPhoto | undefined;
  audit: AuditEvent;
}

export type ReportSource = "web" | "sms" | "operator";

const DETAILS = "reports.details";
const LOCATION = "reports.location";
const REPLY = "reports.reply";
const QUESTION = "report_follow_ups.question";
const ANSWER = "report_follow_ups.answer";
/** A follow-up question waits this long for its answer. */
const FOLLOW_UP_HOURS = 24;
const SEEN_AT_MAX_HOURS = 72;

/**
 * Intake of reports. Nothing here is broadcast: a report waits for staff. Everything a person
 * wrote is sealed; the point is sealed too and erased by the retention rule, leaving the cell
 * and area. Reports whose text looks like a tip against a person are flagged for the operator.
 */
export class ReportsService {
  readonly #reports: ReportsRepository;
  readonly #areas: AreasService;
  readonly #crypto: FieldCrypto;
  readonly #audit: AuditService;
  readonly #photos: PhotosService;
  readonly #events: LiveEvents;
  readonly #sms: MessageChannel;
  readonly #isOptedOut: (e164: string) => Promise<boolean>;
  readonly #countries: string[];
  readonly #now: () => Date;
  /** Reports arriving together are stored together: one transaction, one commit. */
  readonly #writes = new WriteBatch<PendingReport, void>(async (items) => {
    await this.#reports.insertMany(
      items.map((item) => item.row),
      async (trx) => {
        for (const item of items)
          if (item.photo) await this.#photos.store("report", item.row.id, item.photo, trx);
        await this.#audit.recordMany(
          items.map((item) => item.audit),
          trx,
        );
      },
      () => readableCode([4, 4]),
    );
    return items.map(() => undefined);
  });
  constructor(
    reports: ReportsRepository,
    areas: AreasService,
    crypto: FieldCrypto,
    audit: AuditService,
    photos: PhotosService,
    events: LiveEvents,
    options: {
      countries: string[];
      sms: MessageChannel;
      /** Whether a number texted STOP (then it is never texted, not even a question). */
      isOptedOut: (e164: string) => Promise<boolean>;
      now?: () => Date;
    },
  ) {
    this.#sms = options.sms;
    this.#isOptedOut = options.isOptedOut;
    this.#reports = reports;
    this.#areas = areas;
    this.#crypto = crypto;
    this.#audit = audit;
    this.#photos = photos;
    this.#events = events;
    this.#countries = options.countries;
    this.#now = options.now ?? (() => new Date());
  }

  /** Stores a report (all of it, or nothing) and gives back the receipt the reporter quotes. */
  async submit(
    input: NewReport,
    source: ReportSource,
    actor: Actor,
  ): Promise<{ id: string; receipt: string }> {
    const now = this.#now();
    const seenAt = this.#seenAt(input.seenAt, now);
    const reply = input.replyTo ? readPhone(input.replyTo, this.#countries) : undefined;
    if (input.replyTo && !reply?.isAllowedCountry)
      throw invalid(
        "REPLY_NUMBER_INVALID",
        "The reply number is not a phone number we can text. Write it like 312-555-0123, or leave it empty.",
        { field: "replyTo" },
      );
    const where = await this.#locate(input.location);
    // The photo is checked and stripped before anything is stored, so a bad one stores nothing.
    const photo: CleanPhoto | undefined = input.photo
      ? await this.#photos.clean(input.photo)
      : undefined;
    const details: ReportDetails = {
      size: input.size || undefined,
      activity: input.activity,
      place: "place" in input.location ? input.location.place : undefined,
      uniform: input.uniform || undefined,
      equipment: input.equipment || undefined,
      note: input.note || undefined,
    };
    const flags = screenReportText(
      [details.size, details.activity, details.uniform, details.equipment, details.note]
        .filter(Boolean)
        .join("\n"),
    );
    const id = randomUUID();
    const row: ReportRow = {
      id,
      receipt: readableCode([4, 4]),
      source,
      language: input.language,
      status: "new",
      area_id: where.area?.id ?? null,
      cell: where.cell,
      precision: where.precision,
      location_enc: where.point ? this.#crypto.encrypt(where.point, LOCATION) : null,
      details_enc: this.#crypto.encrypt(JSON.stringify(details), DETAILS),
      reply_enc: reply ? this.#crypto.encrypt(reply.e164, REPLY) : null,
      flags: JSON.stringify(flags),
      seen_at: seenAt,
      created_at: now.toISOString(),
    };
    await this.#writes.add({
      row,
      photo,
      audit: {
        actor,
        action: "report.created",
        subject: { type: "report", id },
        details: { source, flags: flags.join(","), photo: photo ? 1 : 0 },
      },
    });
    this.#events.publish({ type: "report.created", id });
    return { id, receipt: row.receipt };
  }

  /** The latest reports with what they say: an audited read of personal data. */
  async latest(limit: number, actor: Actor, reason: string): Promise<ReportView[]> {
    return this.#present(await this.#reports.latest(limit), actor, reason);
  }

  /** Reports of the last `days` waiting for an incident, with what they say: an audited read. */
  async waiting(days: number, actor: Actor, reason: string): Promise<ReportView[]> {
    const since = new Date(this.#now().getTime() - days * 86_400_000).toISOString();
    return this.#present(await this.#reports.waiting(since, 500), actor, reason);
  }

  /** These reports with what they say: an audited read of personal data. */
  async viewsOf(ids: string[], actor: Actor, reason: string): Promise<ReportView[]> {
    if (ids.length === 0) return [];
    return this.#present(await this.#reports.findByIds(ids), actor, reason);
  }

  /**
   * Texts the reporter one question about their report (to the number they left). One at a
   * time: the answer they text back within a day is attached to the report.
   */
  async askFollowUp(reportId: string, question: string, actor: Actor): Promise<void> {
    const row = await this.#reports.findById(reportId);
    if (!row) throw notFound("REPORT_NOT_FOUND", `No report has the id ${reportId}`);
    if (!row.reply_enc)
      throw conflict(
        "NO_REPLY_NUMBER",
        "This reporter left no number (or it was erased by the retention rule).",
      );
    const now = this.#now();
    const e164 = this.#crypto.decrypt(row.reply_enc, REPLY);
    const replyIndex = this.#crypto.blindIndex(e164, REPLY);
    if (await this.#reports.openFollowUp(replyIndex, now.toISOString()))
      throw conflict(
        "FOLLOW_UP_WAITING",
        "A question to this number is still waiting for its answer. Ask again after it answers, or call.",
      );
    if (await this.#isOptedOut(e164))
      throw conflict(
        "REPORTER_OPTED_OUT",
        "This number texted STOP, so Aviso cannot text it, not even a question.",
      );
    const followUpId = randomUUID();
    // Stored first, so a second dispatcher asking at the same moment sees it waiting.
    await this.#reports.insertFollowUp({
      id: followUpId,
      report_id: reportId,
      reply_index: replyIndex,
      question_enc: this.#crypto.encrypt(question, QUESTION),
      answer_enc: null,
      asked_by: actor.id,
      asked_at: now.toISOString(),
      answered_at: null,
      expires_at: new Date(now.getTime() + FOLLOW_UP_HOURS * 3_600_000).toISOString(),
    });
    try {
      await this.#sms.send({
        channel: "sms",
        to: e164,
        body: `Aviso hotline, about your report ${row.receipt}: ${question} (Reply to this text. Do not send names or addresses.)`,
      });
    } catch (error) {
      await this.#reports.deleteFollowUp(followUpId);
      throw unavailable(
        "FOLLOW_UP_NOT_SENT",
        `The text could not be sent (${error instanceof ChannelError ? `provider said ${error.code}` : "the SMS provider did not answer"}). Try again, or call the reporter.`,
      );
    }
    await this.#audit.record({
      actor,
      action: "report.follow_up_asked",
      subject: { type: "report", id: reportId },
    });
    this.#events.publish({ type: "report.updated", id: reportId });
  }

  /**
   * A text from a number with a question waiting: the answer to it. Returns the report's
   * receipt and language when it was one, or undefined (then the text is something else).
   */
  async takeFollowUpAnswer(
    e164: string,
    text: string,
  ): Promise<{ receipt: string; language: string } | undefined> {
    const now = this.#now().toISOString();
    const open = await this.#reports.openFollowUp(this.#crypto.blindIndex(e164, REPLY), now);
    if (!open) return undefined;
    const answer = text.trim().slice(0, 1600);
    if (!(await this.#reports.answerFollowUp(open.id, this.#crypto.encrypt(answer, ANSWER), now)))
      return undefined;
    await this.#audit.record({
      actor: { id: null, role: "reporter" },
      action: "report.follow_up_answered",
      subject: { type: "report", id: open.report_id },
    });
    this.#events.publish({ type: "report.updated", id: open.report_id });
    return { receipt: open.receipt, language: open.language };
  }

  /** Where and when reports were seen (the point opened from its seal), for clustering. */
  async placesOf(ids: string[]): Promise<ReportPlace[]> {
    if (ids.length === 0) return [];
    return (await this.#reports.findByIds(ids)).map((row) => {
      const [lat, lng] = row.location_enc
        ? this.#crypto.decrypt(row.location_enc, LOCATION).split(",").map(Number)
        : [];
      return {
        id: row.id,
        status: row.status,
        areaId: row.area_id,
        cell: row.cell,
        point: lat !== undefined && lng !== undefined ? { lat, lng } : null,
        flags: JSON.parse(row.flags) as TipFlag[],
        seenAt: row.seen_at,
      };
    });
  }

  async #present(
    rows: (ReportRow & { area_name: string | null })[],
    actor: Actor,
    reason: string,
  ): Promise<ReportView[]> {
    await this.#audit.record({
      actor,
      action: "report.read",
      reason,
      details: { count: rows.length, ids: rows.map((row) => row.id).join(",") },
    });
    const ids = rows.map((row) => row.id);
    const photos = await this.#photos.idsFor("report", ids);
    const followUps = new Map<string, ReportView["followUps"]>();
    for (const f of await this.#reports.followUps(ids))
      followUps.set(f.report_id, [
        ...(followUps.get(f.report_id) ?? []),
        {
          question: this.#crypto.decrypt(f.question_enc, QUESTION),
          answer: f.answer_enc ? this.#crypto.decrypt(f.answer_enc, ANSWER) : null,
          askedAt: f.asked_at,
          answeredAt: f.answered_at,
          expiresAt: f.expires_at,
        },
      ]);
    return rows.map((row) => ({
      id: row.id,
      receipt: row.receipt,
      source: row.source,
      language: row.language,
      status: row.status,
      areaName: row.area_name,
      precision: row.precision,
      details: JSON.parse(this.#crypto.decrypt(row.details_enc, DETAILS)) as ReportDetails,
      hasReplyNumber: row.reply_enc !== null,
      followUps: followUps.get(row.id) ?? [],
      photoIds: photos.get(row.id) ?? [],
      flags: JSON.parse(row.flags) as TipFlag[],
      seenAt: row.seen_at,
      createdAt: row.created_at,
    }));
  }

  /**
   * Removes everything a person wrote, the point and the reply number from a report that is
   * about a person rather than enforcement activity; keeps that it happened, when and where
   * (area). Such a report is never dispatched or broadcast.
   */
  async discardPersonalDetails(id: string, actor: Actor): Promise<void> {
    const row = await this.#reports.findById(id);
    if (!row) throw notFound("REPORT_NOT_FOUND", `No report has the id ${id}`);
    const kept: ReportDetails = { activity: "(removed by staff: a report about a person)" };
    await this.#reports.discardDetails(id, this.#crypto.encrypt(JSON.stringify(kept), DETAILS));
    const photos = await this.#photos.discardFor("report", id);
    await this.#audit.record({
      actor,
      action: "report.details_discarded",
      subject: { type: "report", id },
      details: { flags: (JSON.parse(row.flags) as TipFlag[]).join(","), photos },
    });
    this.#events.publish({ type: "report.updated", id });
  }

  async inventory() {
    return { ...(await this.#reports.inventory()), photos: await this.#photos.inventory() };
  }

  /** Retention: erases reply numbers and precise points on reports made before the cutoffs. */
  async purge(cutoffs: { reply: string; point: string }, dryRun: boolean) {
    return {
      replies:
        (await this.#reports.eraseBefore("reply_enc", cutoffs.reply, dryRun)) +
        (await this.#reports.deleteFollowUpsBefore(cutoffs.reply, dryRun)),
      points: await this.#reports.eraseBefore("location_enc", cutoffs.point, dryRun),
      photos: await this.#photos.purge(cutoffs.point, dryRun),
    };
  }

  #seenAt(value: string | undefined, now: Date): string {
    if (value === undefined) return now.toISOString();
    const seen = new Date(value);
    if (seen.getTime() > now.getTime() + 5 * 60_000)
      throw invalid("SEEN_AT_IN_FUTURE", "The time seen is in the future.", { field: "seenAt" });
    if (seen.getTime() < now.getTime() - SEEN_AT_MAX_HOURS * 3_600_000)
      throw invalid(
        "SEEN_AT_TOO_OLD",
        `Reports are for the last ${SEEN_AT_MAX_HOURS} hours; call the hotline about older events.`,
        { field: "seenAt" },
      );
    return seen.toISOString();
  }

  async #locate(location: NewReport["location"]): Promise<{
    area: AreaSummary | undefined;
    cell: string;
    point: string | undefined;
    precision: "point" | "area";
  }> {
    if ("lat" in location) {
      const areas = await this.#areas.lookup({ lat: location.lat, lng: location.lng });
      if (areas.length === 0)
        throw invalid(
          "OUTSIDE_SERVICE_AREA",
          "That place is outside the areas this hotline covers. Call the hotline if you are unsure.",
          { field: "location" },
        );
      return {
        area: areas.find((a) => a.kind === "community-area") ?? areas[0],
        cell: cellForPoint(location.lat, location.lng),
        point: `${location.lat.toFixed(6)},${location.lng.toFixed(6)}`,
        precision: "point",
      };
    }
    const [area] = await this.#areas.findForSubscription(location.place);
    if (!area)
      throw invalid(
        "PLACE_UNKNOWN",
        `No ZIP code or neighborhood is called "${location.place}". Put a pin on the map instead.`,
        { field: "location" },
      );
    return {
      area,
      cell: await this.#areas.centreCell(area.id),
      point: undefined,
      precision: "area",
    };
  }
}
