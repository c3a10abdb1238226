import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { EncryptedColumn } from "./encrypted-columns.ts";

/**
 * Reads and rewrites ciphertext columns across tables for key rotation: the one place that
 * touches other modules' tables, and only their `*_enc` values, never what they mean.
 */
export class KeysRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  #stale(
    target: EncryptedColumn,
    currentPrefix: string,
    db: Kysely<Database> | Transaction<Database> = this.#db,
  ) {
    let query = db
      .selectFrom(sql.table(target.table).as("t"))
      .where(sql.ref(`t.${target.column}`), "is not", null)
      .where(sql.ref(`t.${target.column}`), "not like", `${currentPrefix}%`);
    if ("where" in target)
      query = query.where(sql.ref(`t.${target.where.column}`), "=", target.where.value);
    return query;
  }

  /** How many values of a column are not yet sealed with the current key. */
  async countStale(target: EncryptedColumn, currentPrefix: string): Promise<number> {
    const row = await this.#stale(target, currentPrefix)
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Re-seals up to `limit` stale values in one transaction; returns how many it changed. */
  async rotateBatch(
    target: EncryptedColumn,
    currentPrefix: string,
    limit: number,
    reseal: (value: string) => string,
  ): Promise<number> {
    return this.#db.transaction().execute(async (trx) => {
      const rows = await this.#stale(target, currentPrefix, trx)
        .select([
          sql<string>`t.${sql.ref(target.key)}`.as("id"),
          sql<string>`t.${sql.ref(target.column)}`.as("value"),
        ])
        .limit(limit)
        .execute();
      for (const row of rows) {
        await sql`update ${sql.table(target.table)} set ${sql.ref(target.column)} = ${reseal(row.value)} where ${sql.ref(target.key)} = ${row.id}`.execute(
          trx,
        );
      }
      return rows.length;
    });
  }
}
