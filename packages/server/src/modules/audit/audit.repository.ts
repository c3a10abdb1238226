import { type CountAndOldest, countAndOldest } from "../../db/aggregates.ts";
import type { DatabaseDialect } from "../../db/dialects/dialect.ts";
import type { AuditEventsTable, Tx } from "../../db/schema.ts";

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
    within?: Tx,
  ): Promise<AuditRow> {
    if (within) return this.#appendIn(within, row, seal, genesis);
    return this.#database.db
      .transaction()
      .execute((trx) => this.#appendIn(trx, row, seal, genesis));
  }

  async #appendIn(
    trx: Tx,
    row: NewAuditRow,
    seal: (seq: number, prevHash: string) => string,
    genesis: string,
  ): Promise<AuditRow> {
    const [full] = await this.appendManyIn(
      trx,
      [row],
      (_row, seq, prev) => seal(seq, prev),
      genesis,
    );
    if (!full) throw new Error("audit append wrote nothing");
    return full;
  }

  /** Appends rows in order inside a caller's transaction: one read of the chain's end, one insert. */
  async appendManyIn(
    trx: Tx,
    rows: NewAuditRow[],
    seal: (row: NewAuditRow, seq: number, prevHash: string) => string,
    genesis: string,
  ): Promise<AuditRow[]> {
    if (rows.length === 0) return [];
    await this.#database.lockSequence(trx, "audit_events");
    const last = await trx
      .selectFrom("audit_events")
      .select(["seq", "hash"])
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirst();
    let seq = last ? Number(last.seq) : 0;
    let prev = last?.hash ?? genesis;
    const full: AuditRow[] = rows.map((row) => {
      seq += 1;
      const entry: AuditRow = { ...row, seq, prev_hash: prev, hash: seal(row, seq, prev) };
      prev = entry.hash;
      return entry;
    });
    await trx.insertInto("audit_events").values(full).execute();
    return full;
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
