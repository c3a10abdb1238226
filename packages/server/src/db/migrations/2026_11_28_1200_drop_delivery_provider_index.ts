import type { Kysely } from "kysely";

/**
 * A delivery receipt finds its delivery by the alert named in its callback URL and the
 * subscriber its number belongs to (both keys of a delivery), not by the provider's message
 * id. The index on those ids took random inserts for every message sent: on SQLite, more than
 * half of each sent batch's database time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("deliveries_provider_idx").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("deliveries_provider_idx")
    .on("deliveries")
    .column("provider_id")
    .execute();
}
