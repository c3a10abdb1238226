import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

export interface StatusCount {
  status: string;
  n: number;
  oldest: string;
}

/** Rows per status with the oldest `created_at` of each: what the data inventory reports. */
export async function countByStatus(
  db: Kysely<Database>,
  table: "staff_users" | "subscribers" | "reports",
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
