import type { Kysely } from "kysely";

/** Staff sign-in (password, TOTP, recovery codes, sessions, invitations) and the audit chain. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("staff_users").addColumn("password_hash", "text").execute();
  await db.schema.alterTable("staff_users").addColumn("totp_secret_enc", "text").execute();
  await db.schema
    .alterTable("staff_users")
    .addColumn("totp_last_step", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("staff_users")
    .addColumn("failed_sign_ins", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("staff_users").addColumn("locked_until", "text").execute();

  await db.schema
    .createTable("staff_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("user_id", "text", (c) =>
      c.notNull().references("staff_users.id").onDelete("cascade"),
    )
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("device", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("staff_sessions_user_idx")
    .on("staff_sessions")
    .column("user_id")
    .execute();

  await db.schema
    .createTable("staff_recovery_codes")
    .addColumn("user_id", "text", (c) =>
      c.notNull().references("staff_users.id").onDelete("cascade"),
    )
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addPrimaryKeyConstraint("staff_recovery_codes_pk", ["user_id", "code_hash"])
    .execute();

  await db.schema
    .createTable("staff_invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("user_id", "text", (c) =>
      c.notNull().references("staff_users.id").onDelete("cascade"),
    )
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("seq", "integer", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_role", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_type", "text")
    .addColumn("subject_id", "text")
    .addColumn("reason", "text")
    .addColumn("details", "text", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "audit_events",
    "staff_invitations",
    "staff_recovery_codes",
    "staff_sessions",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of [
    "locked_until",
    "failed_sign_ins",
    "totp_last_step",
    "totp_secret_enc",
    "password_hash",
  ]) {
    await db.schema.alterTable("staff_users").dropColumn(column).execute();
  }
}
