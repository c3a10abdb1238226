import { type Kysely, sql } from "kysely";
import {
  type CountAndOldest,
  countAndOldest,
  countByStatus,
  deleteBefore,
  type StatusCount,
} from "../../db/aggregates.ts";
import type { Database, ReportFollowUpsTable, ReportsTable, Tx } from "../../db/schema.ts";

export type ReportRow = ReportsTable;

/** Reports as stored: sealed details, cell and area in the clear. */
export class ReportsRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /**
   * Stores reports and whatever `alongside` writes (their photos and audit entries) in one
   * transaction. A receipt another report already has is replaced with `newReceipt()`: a
   * receipt is 8 of 31 characters, so a clash is rare and is not looked up beforehand.
   */
  async insertMany(
    rows: ReportRow[],
    alongside: (trx: Tx) => Promise<void>,
    newReceipt: () => string,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      let waiting = rows;
      while (waiting.length > 0) {
        const stored = await trx
          .insertInto("reports")
          .values(waiting)
          .onConflict((oc) => oc.column("receipt").doNothing())
          .returning("id")
          .execute();
        const ids = new Set(stored.map((row) => row.id));
        waiting = waiting.filter((row) => !ids.has(row.id));
        for (const row of waiting) row.receipt = newReceipt();
      }
      await alongside(trx);
    });
  }

  async insertFollowUp(row: ReportFollowUpsTable): Promise<void> {
    await this.#db.insertInto("report_follow_ups").values(row).execute();
  }

  async deleteFollowUp(id: string): Promise<void> {
    await this.#db.deleteFrom("report_follow_ups").where("id", "=", id).execute();
  }

  async followUps(reportIds: string[]): Promise<ReportFollowUpsTable[]> {
    if (reportIds.length === 0) return [];
    return this.#db
      .selectFrom("report_follow_ups")
      .selectAll()
      .where("report_id", "in", reportIds)
      .orderBy("asked_at")
      .execute();
  }

  /** The newest question still waiting for an answer from this number, if any. */
  async openFollowUp(
    replyIndex: string,
    now: string,
  ): Promise<(ReportFollowUpsTable & { receipt: string; language: string }) | undefined> {
    return this.#db
      .selectFrom("report_follow_ups")
      .innerJoin("reports", "reports.id", "report_follow_ups.report_id")
      .selectAll("report_follow_ups")
      .select(["reports.receipt", "reports.language"])
      .where("report_follow_ups.reply_index", "=", replyIndex)
      .where("report_follow_ups.answered_at", "is", null)
      .where("report_follow_ups.expires_at", ">", now)
      .orderBy("report_follow_ups.asked_at", "desc")
      .executeTakeFirst();
  }

  async answerFollowUp(id: string, answerEnc: string, at: string): Promise<boolean> {
    const result = await this.#db
      .updateTable("report_follow_ups")
      .set({ answer_enc: answerEnc, answered_at: at })
      .where("id", "=", id)
      .where("answered_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async findById(id: string): Promise<ReportRow | undefined> {
    return this.#db.selectFrom("reports").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async findByIds(ids: string[]): Promise<(ReportRow & { area_name: string | null })[]> {
    return this.#db
      .selectFrom("reports")
      .leftJoin("areas", "areas.id", "reports.area_id")
      .selectAll("reports")
      .select("areas.name as area_name")
      .where("reports.id", "in", ids)
      .orderBy("reports.seen_at")
      .orderBy("reports.id")
      .execute();
  }

  async latest(limit: number): Promise<(ReportRow & { area_name: string | null })[]> {
    return this.#db
      .selectFrom("reports")
      .leftJoin("areas", "areas.id", "reports.area_id")
      .selectAll("reports")
      .select("areas.name as area_name")
      .orderBy("reports.created_at", "desc")
      .orderBy("reports.id")
      .limit(limit)
      .execute();
  }

  /**
   * Reports made since `since` that belong to no incident and were not discarded, newest
   * first: the dispatcher's queue, however many reports came in after them.
   */
  async waiting(
    since: string,
    limit: number,
  ): Promise<(ReportRow & { area_name: string | null })[]> {
    return this.#db
      .selectFrom("reports")
      .leftJoin("areas", "areas.id", "reports.area_id")
      .leftJoin("incident_reports", "incident_reports.report_id", "reports.id")
      .selectAll("reports")
      .select("areas.name as area_name")
      .where("incident_reports.report_id", "is", null)
      .where("reports.status", "!=", "discarded")
      .where("reports.created_at", ">=", since)
      .orderBy("reports.created_at", "desc")
      .orderBy("reports.id")
      .limit(limit)
      .execute();
  }

  async discardDetails(id: string, detailsEnc: string): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .updateTable("reports")
        .set({
          status: "discarded",
          details_enc: detailsEnc,
          reply_enc: null,
          location_enc: null,
          flags: "[]",
        })
        .where("id", "=", id)
        .execute();
      await trx.deleteFrom("report_follow_ups").where("report_id", "=", id).execute();
    });
  }

  /** Retention: questions and answers go with the reply number. */
  async deleteFollowUpsBefore(cutoff: string, dryRun: boolean): Promise<number> {
    return deleteBefore(this.#db, "report_follow_ups", "asked_at", cutoff, dryRun);
  }

  async inventory(): Promise<{
    byStatus: StatusCount[];
    replies: CountAndOldest;
    points: CountAndOldest;
  }> {
    const held = (column: "reply_enc" | "location_enc") =>
      countAndOldest(this.#db, "reports", { where: sql`${sql.ref(column)} is not null` });
    const [replies, points] = await Promise.all([held("reply_enc"), held("location_enc")]);
    return {
      byStatus: await countByStatus(this.#db, "reports"),
      replies,
      points,
    };
  }

  /** Erases a sealed column on reports made before `cutoff`; returns how many it erased. */
  async eraseBefore(
    column: "reply_enc" | "location_enc",
    cutoff: string,
    dryRun: boolean,
  ): Promise<number> {
    if (dryRun) {
      const row = await this.#db
        .selectFrom("reports")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .where(column, "is not", null)
        .where("created_at", "<", cutoff)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }
    const result = await this.#db
      .updateTable("reports")
      .set({ [column]: null })
      .where(column, "is not", null)
      .where("created_at", "<", cutoff)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
