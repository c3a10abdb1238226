import type { Kysely } from "kysely";

/**
 * What staff track (incidents, with the reports merged into them and a timeline), who checks
 * them (responders, their shifts, the verification requests sent to them) and photos.
 * In the clear: statuses, times, cells and area ids (coarse, for clustering and dispatch).
 * Sealed: an incident's centroid, timeline notes, responders' contacts, dispatch notes, photos,
 * follow-up questions to reporters and their answers (found by a blind index of the number).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("incidents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("area_ids", "text", (c) => c.notNull())
    .addColumn("cell", "text", (c) => c.notNull())
    .addColumn("centroid_enc", "text", (c) => c.notNull())
    .addColumn("first_seen_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("incidents_status_idx").on("incidents").column("status").execute();
  await db.schema
    .createTable("incident_reports")
    .addColumn("report_id", "text", (c) => c.primaryKey().references("reports.id"))
    .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id"))
    .addColumn("added_by", "text")
    .addColumn("added_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("incident_reports_incident_idx")
    .on("incident_reports")
    .column("incident_id")
    .execute();
  await db.schema
    .createTable("incident_alerts")
    .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id"))
    .addColumn("alert_id", "text", (c) => c.notNull().references("alerts.id"))
    .addColumn("linked_by", "text")
    .addColumn("linked_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("incident_alerts_pk", ["incident_id", "alert_id"])
    .execute();
  await db.schema
    .createTable("incident_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_role", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text")
    .addColumn("detail_enc", "text")
    .addUniqueConstraint("incident_events_position_uq", ["incident_id", "position"])
    .execute();
  await db.schema
    .createTable("responders")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("staff_users.id"))
    .addColumn("available", "integer", (c) => c.notNull())
    .addColumn("phone_enc", "text")
    .addColumn("push_enc", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("shifts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("staff_users.id"))
    .addColumn("area_ids", "text", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("shifts_ends_idx").on("shifts").column("ends_at").execute();
  await db.schema
    .createTable("dispatches")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id"))
    .addColumn("responder_id", "text", (c) => c.notNull().references("staff_users.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("wave", "integer", (c) => c.notNull())
    .addColumn("distance", "integer")
    .addColumn("outcome", "text")
    .addColumn("note_enc", "text")
    .addColumn("asked_by", "text")
    .addColumn("asked_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // One request per responder per incident: asking twice (a double click, two processes
  // escalating) stores and sends nothing more.
  await db.schema
    .createIndex("dispatches_incident_responder_uq")
    .on("dispatches")
    .columns(["incident_id", "responder_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("dispatches_status_idx")
    .on("dispatches")
    .columns(["status", "asked_at"])
    .execute();
  // One question from staff to a reporter by SMS, and the answer texted back.
  await db.schema
    .createTable("report_follow_ups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("report_id", "text", (c) => c.notNull().references("reports.id"))
    .addColumn("reply_index", "text", (c) => c.notNull())
    .addColumn("question_enc", "text", (c) => c.notNull())
    .addColumn("answer_enc", "text")
    .addColumn("asked_by", "text")
    .addColumn("asked_at", "text", (c) => c.notNull())
    .addColumn("answered_at", "text")
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("report_follow_ups_reply_idx")
    .on("report_follow_ups")
    .column("reply_index")
    .execute();
  await db.schema
    .createTable("photos")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("owner_type", "text", (c) => c.notNull())
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("image_enc", "text", (c) => c.notNull())
    .addColumn("bytes", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("photos_owner_idx")
    .on("photos")
    .columns(["owner_type", "owner_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "photos",
    "report_follow_ups",
    "dispatches",
    "shifts",
    "responders",
    "incident_events",
    "incident_alerts",
    "incident_reports",
    "incidents",
  ])
    await db.schema.dropTable(table).execute();
}
