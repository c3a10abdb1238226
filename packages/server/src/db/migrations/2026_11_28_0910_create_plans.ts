import type { Kysely } from "kysely";

/**
 * Family plans: only what the browser sealed, and the hash of the owner's token. No name,
 * contact or anything readable; the server cannot open a plan. Shares hold the plan's key
 * sealed with a key that exists only in the share link's fragment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("plans")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("envelope", "text", (c) => c.notNull())
    .addColumn("owner_token_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("plan_shares")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
    .addColumn("wrapped_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("plan_shares_plan_idx").on("plan_shares").column("plan_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("plan_shares").execute();
  await db.schema.dropTable("plans").execute();
}
