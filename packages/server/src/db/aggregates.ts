import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Database } from "./schema.ts";

export interface StatusCount {
  status: string;
  n: number;
  oldest: string;
}

/** Rows per status with the oldest `created_at` of each: what the data inventory reports. */
export async function countByStatus(
  db: Kysely<Database>,
  table: "staff_users" | "subscribers" | "reports" | "incidents",
): Promise<StatusCount[]> {
  const rows = await db
    .selectFrom(table)
    .select((eb) => [
      "status",
      eb.fn.countAll<number | string>().as("n"),
      eb.fn.min("created_at").as("oldest"),
    ])
    .groupBy("status")
    .execute();
  return rows.map((row) => ({ status: row.status, n: Number(row.n), oldest: String(row.oldest) }));
}

export interface CountAndOldest {
  count: number;
  oldest: string | null;
}

/** How many rows a table holds (optionally where a condition holds) and the oldest `column`. */
export async function countAndOldest(
  db: Kysely<Database>,
  table: keyof Database,
  options: { column?: string; where?: RawBuilder<unknown> } = {},
): Promise<CountAndOldest> {
  const { rows } = await sql<{ n: number | string; oldest: string | null }>`
    select count(*) as n, min(${sql.ref(options.column ?? "created_at")}) as oldest
    from ${sql.table(table)}
    ${options.where ? sql`where ${options.where}` : sql``}`.execute(db);
  return { count: Number(rows[0]?.n ?? 0), oldest: rows[0]?.oldest ?? null };
}

/**
 * Retention: deletes the rows of `table` whose `column` is before `cutoff`, or with `dryRun`
 * only counts them. Returns how many.
 */
export async function deleteBefore(
  db: Kysely<Database>,
  table: "photos" | "report_follow_ups" | "plan_shares" | "outbox_messages",
  column: "created_at" | "asked_at" | "expires_at",
  cutoff: string,
  dryRun: boolean,
): Promise<number> {
  if (dryRun) {
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} < ${cutoff}`.execute(
      db,
    );
    return Number(rows[0]?.n ?? 0);
  }
  const result = await sql`
    delete from ${sql.table(table)} where ${sql.ref(column)} < ${cutoff}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
