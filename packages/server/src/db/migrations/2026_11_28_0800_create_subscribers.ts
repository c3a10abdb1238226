import type { Kysely } from "kysely";

/**
 * Subscribers: a channel, an encrypted contact found by blind index, a language, a status and
 * the areas they chose. No name, no address. Suppressions keep only a blind index, so a
 * stopped number is never texted again and nothing else about it is kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("subscribers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("contact_enc", "text")
    .addColumn("contact_index", "text")
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("stopped_at", "text")
    .addUniqueConstraint("subscribers_contact_unique", ["channel", "contact_index"])
    .execute();
  await db.schema
    .createTable("subscriber_areas")
    .addColumn("subscriber_id", "text", (c) =>
      c.notNull().references("subscribers.id").onDelete("cascade"),
    )
    .addColumn("area_id", "text", (c) => c.notNull().references("areas.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("subscriber_areas_pk", ["subscriber_id", "area_id"])
    .execute();
  await db.schema
    .createIndex("subscriber_areas_area_idx")
    .on("subscriber_areas")
    .column("area_id")
    .execute();
  await db.schema
    .createTable("suppressions")
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("contact_index", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("suppressions_pk", ["channel", "contact_index"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("suppressions").execute();
  await db.schema.dropTable("subscriber_areas").execute();
  await db.schema.dropTable("subscribers").execute();
}
