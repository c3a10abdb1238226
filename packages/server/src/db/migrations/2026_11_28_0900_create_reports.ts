import type { Kysely } from "kysely";

/**
 * Reports of enforcement activity from residents (web, SMS) and operators. What was seen, the
 * note and the reply number are sealed; in the clear are only the coarse cell and area (for
 * clustering and dispatch), times, the receipt, and the screening flags (codes, not text).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("receipt", "text", (c) => c.notNull().unique())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("area_id", "text", (c) => c.references("areas.id").onDelete("set null"))
    .addColumn("cell", "text", (c) => c.notNull())
    .addColumn("precision", "text", (c) => c.notNull())
    .addColumn("location_enc", "text")
    .addColumn("details_enc", "text", (c) => c.notNull())
    .addColumn("reply_enc", "text")
    .addColumn("flags", "text", (c) => c.notNull())
    .addColumn("seen_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("reports_created_idx").on("reports").column("created_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("reports").execute();
}
