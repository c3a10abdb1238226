import type { Kysely } from "kysely";
import { sql } from "kysely";
import { countAndOldest } from "../../db/aggregates.ts";
import type { Database, DispatchesTable, RespondersTable, ShiftsTable } from "../../db/schema.ts";

export type DispatchRow = DispatchesTable;
export type ShiftRow = ShiftsTable;
export type ResponderRow = RespondersTable;

/** Responders, their shifts, and the verification requests sent to them. */
export class DispatchRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async responder(userId: string): Promise<ResponderRow | undefined> {
    return this.#db
      .selectFrom("responders")
      .selectAll()
      .where("user_id", "=", userId)
      .executeTakeFirst();
  }

  async responders(userIds: string[]): Promise<ResponderRow[]> {
    if (userIds.length === 0) return [];
    return this.#db.selectFrom("responders").selectAll().where("user_id", "in", userIds).execute();
  }

  async saveResponder(row: ResponderRow): Promise<void> {
    await this.#db
      .insertInto("responders")
      .values(row)
      .onConflict((oc) =>
        oc.column("user_id").doUpdateSet({
          available: row.available,
          phone_enc: row.phone_enc,
          push_enc: row.push_enc,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }

  async insertShift(row: ShiftRow): Promise<void> {
    await this.#db.insertInto("shifts").values(row).execute();
  }

  /** Shifts running at `at` (started, not ended). */
  async shiftsAt(at: string, userId?: string): Promise<ShiftRow[]> {
    let query = this.#db
      .selectFrom("shifts")
      .selectAll()
      .where("starts_at", "<=", at)
      .where("ends_at", ">", at);
    if (userId) query = query.where("user_id", "=", userId);
    return query.orderBy("ends_at", "desc").execute();
  }

  async endShifts(userId: string, at: string): Promise<void> {
    await this.#db
      .updateTable("shifts")
      .set({ ends_at: at })
      .where("user_id", "=", userId)
      .where("ends_at", ">", at)
      .execute();
  }

  /** Inserts requests, skipping a responder already asked for that incident; returns the ids stored. */
  async insertDispatches(rows: DispatchRow[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const stored = await this.#db
      .insertInto("dispatches")
      .values(rows)
      .onConflict((oc) => oc.columns(["incident_id", "responder_id"]).doNothing())
      .returning("id")
      .execute();
    return stored.map((row) => row.id);
  }

  /** Whether a request was sent to this responder (for what they may see). */
  async isSentTo(dispatchId: string, userId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom("dispatches")
      .select("id")
      .where("id", "=", dispatchId)
      .where("responder_id", "=", userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async findById(id: string): Promise<DispatchRow | undefined> {
    return this.#db.selectFrom("dispatches").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async forIncidents(incidentIds: string[]): Promise<DispatchRow[]> {
    if (incidentIds.length === 0) return [];
    return this.#db
      .selectFrom("dispatches")
      .selectAll()
      .where("incident_id", "in", incidentIds)
      .orderBy("asked_at")
      .orderBy("wave")
      .orderBy("distance")
      .execute();
  }

  async forResponder(userId: string, since: string): Promise<DispatchRow[]> {
    return this.#db
      .selectFrom("dispatches")
      .selectAll()
      .where("responder_id", "=", userId)
      .where("updated_at", ">=", since)
      .orderBy("asked_at", "desc")
      .execute();
  }

  /**
   * Moves a request from `from` to `to` only if it is still in `from` (two taps, or the
   * escalation job at the same moment, cannot both win). Returns whether it moved.
   */
  async move(
    id: string,
    from: string,
    changes: Partial<DispatchRow> & { status: string; updated_at: string },
  ): Promise<boolean> {
    const result = await this.#db
      .updateTable("dispatches")
      .set(changes)
      .where("id", "=", id)
      .where("status", "=", from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Incidents with a request asked before `cutoff` and still unanswered. */
  async overdueIncidents(cutoff: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom("dispatches")
      .select("incident_id")
      .distinct()
      .where("status", "=", "asked")
      .where("asked_at", "<=", cutoff)
      .execute();
    return rows.map((row) => row.incident_id);
  }

  async inventory() {
    return {
      contacts: await countAndOldest(this.#db, "responders", {
        column: "updated_at",
        where: sql`phone_enc is not null or push_enc is not null`,
      }),
      notes: await countAndOldest(this.#db, "dispatches", {
        column: "asked_at",
        where: sql`note_enc is not null`,
      }),
    };
  }
}
