import { type Kysely, sql } from "kysely";
import {
  type CountAndOldest,
  countAndOldest,
  countByStatus,
  type StatusCount,
} from "../../db/aggregates.ts";
import type { Database, ReportsTable } from "../../db/schema.ts";

export type ReportRow = ReportsTable;

/** Reports as stored: sealed details, cell and area in the clear. */
export class ReportsRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(row: ReportRow): Promise<void> {
    await this.#db.insertInto("reports").values(row).execute();
  }

  async receiptExists(receipt: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom("reports")
      .select("id")
      .where("receipt", "=", receipt)
      .executeTakeFirst();
    return row !== undefined;
  }

  async findById(id: string): Promise<ReportRow | undefined> {
    return this.#db.selectFrom("reports").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async delete(id: string): Promise<void> {
    await this.#db.deleteFrom("reports").where("id", "=", id).execute();
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

  async discardDetails(id: string, detailsEnc: string): Promise<void> {
    await this.#db
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
