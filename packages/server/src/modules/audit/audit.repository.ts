import { type CountAndOldest, countAndOldest } from "../../db/aggregates.ts";
import type { DatabaseDialect } from "../../db/dialects/dialect.ts";
import type { AuditEventsTable } from "../../db/schema.ts";

export type AuditRow = AuditEventsTable;
export type NewAuditRow = Omit<AuditRow, "seq" | "prev_hash" | "hash">;

/** The audit table. It can append and read; there is deliberately no update or delete. */
export class AuditRepository {
  readonly #database: DatabaseDialect;
  constructor(database: DatabaseDialect) {
    this.#database = database;
  }

  /** Appends one row after the current last one; `seal` computes its hash from the previous. */
  async append(
    row: NewAuditRow,
    seal: (seq: number, prevHash: string) => string,
    genesis: string,
  ): Promise<AuditRow> {
    return this.#database.db.transaction().execute(async (trx) => {
      await this.#database.lockSequence(trx, "audit_events");
      const last = await trx
        .selectFrom("audit_events")
        .select(["seq", "hash"])
        .orderBy("seq", "desc")
        .limit(1)
        .executeTakeFirst();
      const seq = (last ? Number(last.seq) : 0) + 1;
      const prev_hash = last?.hash ?? genesis;
      const full: AuditRow = { ...row, seq, prev_hash, hash: seal(seq, prev_hash) };
      await trx.insertInto("audit_events").values(full).execute();
      return full;
    });
  }

  /** Rows after `afterSeq`, oldest first. */
  async page(afterSeq: number, limit: number): Promise<AuditRow[]> {
    const rows = await this.#database.db
      .selectFrom("audit_events")
      .selectAll()
      .where("seq", ">", afterSeq)
      .orderBy("seq")
      .limit(limit)
      .execute();
    return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
  }

  /** The newest rows first, optionally before a sequence number and for one action prefix. */
  async latest(options: {
    beforeSeq?: number;
    limit: number;
    action?: string;
  }): Promise<AuditRow[]> {
    let query = this.#database.db.selectFrom("audit_events").selectAll();
    if (options.beforeSeq !== undefined) query = query.where("seq", "<", options.beforeSeq);
    if (options.action) query = query.where("action", "like", `${options.action}%`);
    const rows = await query.orderBy("seq", "desc").limit(options.limit).execute();
    return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
  }

  async countAndOldest(): Promise<CountAndOldest> {
    return countAndOldest(this.#database.db, "audit_events", { column: "at" });
  }
}
