import type { Kysely } from "kysely";

/**
 * Alerts and their deliveries. An alert is public once sent (its text names an area and a time
 * window, never a person), so it is stored in the clear with its signature. A delivery is one
 * alert to one subscriber: no contact is copied, the sender reads it sealed from `subscribers`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("alerts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("area_ids", "text", (c) => c.notNull())
    .addColumn("origin_cell", "text")
    .addColumn("texts", "text", (c) => c.notNull())
    .addColumn("retracts_id", "text", (c) => c.references("alerts.id"))
    .addColumn("composed_by", "text", (c) => c.notNull())
    .addColumn("approved_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("approved_at", "text")
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("signature", "text")
    .addColumn("verification_code", "text", (c) => c.unique())
    .addColumn("fanout_done_at", "text")
    .addColumn("cancelled_at", "text")
    .addColumn("finished_at", "text")
    .execute();
  await db.schema
    .createTable("deliveries")
    .addColumn("alert_id", "text", (c) => c.notNull().references("alerts.id"))
    .addColumn("subscriber_id", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("rank", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("lease_until", "text")
    .addColumn("provider_id", "text")
    .addColumn("error", "text")
    .addColumn("sent_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("deliveries_pk", ["alert_id", "subscriber_id"])
    .execute();
  // Senders claim the nearest queued deliveries of their channel first.
  await db.schema
    .createIndex("deliveries_claim_idx")
    .on("deliveries")
    .columns(["channel", "status", "rank"])
    .execute();
  await db.schema
    .createIndex("deliveries_provider_idx")
    .on("deliveries")
    .column("provider_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("deliveries").execute();
  await db.schema.dropTable("alerts").execute();
}
