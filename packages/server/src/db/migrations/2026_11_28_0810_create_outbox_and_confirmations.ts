import type { Kysely } from "kysely";

/**
 * Confirmation codes for subscriptions made on the web (stored hashed, expiring, with attempt
 * and send counters), and the local outbox: the development and demo channel a person reads
 * in the console instead of a phone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("subscribers").addColumn("confirm_code_hash", "text").execute();
  await db.schema.alterTable("subscribers").addColumn("confirm_expires_at", "text").execute();
  await db.schema
    .alterTable("subscribers")
    .addColumn("confirm_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable("outbox_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("to_enc", "text", (c) => c.notNull())
    .addColumn("body_enc", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("confirmation_sends")
    .addColumn("contact_index", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("confirmation_sends_idx")
    .on("confirmation_sends")
    .columns(["contact_index", "sent_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("confirmation_sends").execute();
  await db.schema.dropTable("outbox_messages").execute();
  for (const column of ["confirm_attempts", "confirm_expires_at", "confirm_code_hash"]) {
    await db.schema.alterTable("subscribers").dropColumn(column).execute();
  }
}
