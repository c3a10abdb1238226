import { sql } from "kysely";
import { countAndOldest, countByStatus } from "../../db/aggregates.ts";
import type { DatabaseDialect } from "../../db/dialects/dialect.ts";
import type { IncidentEventsTable, IncidentsTable } from "../../db/schema.ts";

export type IncidentRow = IncidentsTable;
export type IncidentEventRow = IncidentEventsTable;

/** Incidents, the reports merged into them, their timelines and the alerts made from them. */
export class IncidentsRepository {
  readonly #database: DatabaseDialect;
  constructor(database: DatabaseDialect) {
    this.#database = database;
  }

  get #db() {
    return this.#database.db;
  }

  /** A new incident with its first report and first timeline entry, all or nothing. */
  async create(
    row: IncidentRow,
    reportId: string,
    event: Omit<IncidentEventRow, "position">,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.insertInto("incidents").values(row).execute();
      await trx
        .insertInto("incident_reports")
        .values({
          report_id: reportId,
          incident_id: row.id,
          added_by: row.created_by,
          added_at: row.created_at,
        })
        .execute();
      await trx
        .insertInto("incident_events")
        .values({ ...event, position: 1 })
        .execute();
    });
  }

  async findById(id: string): Promise<IncidentRow | undefined> {
    return this.#db.selectFrom("incidents").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async list(options: { statuses?: string[]; updatedSince?: string }): Promise<IncidentRow[]> {
    let query = this.#db.selectFrom("incidents").selectAll();
    if (options.statuses) query = query.where("status", "in", options.statuses);
    if (options.updatedSince) query = query.where("updated_at", ">=", options.updatedSince);
    return query.orderBy("updated_at", "desc").orderBy("id").limit(500).execute();
  }

  /** Report ids of each incident, oldest first. */
  async reportIds(incidentIds: string[]): Promise<Map<string, string[]>> {
    const byIncident = new Map<string, string[]>();
    if (incidentIds.length === 0) return byIncident;
    const rows = await this.#db
      .selectFrom("incident_reports")
      .select(["incident_id", "report_id"])
      .where("incident_id", "in", incidentIds)
      .orderBy("added_at")
      .orderBy("report_id")
      .execute();
    for (const row of rows)
      byIncident.set(row.incident_id, [...(byIncident.get(row.incident_id) ?? []), row.report_id]);
    return byIncident;
  }

  async removeReport(reportId: string): Promise<void> {
    await this.#db.deleteFrom("incident_reports").where("report_id", "=", reportId).execute();
  }

  async update(id: string, changes: Partial<IncidentRow>): Promise<void> {
    await this.#db.updateTable("incidents").set(changes).where("id", "=", id).execute();
  }

  async seenBefore(cutoff: string): Promise<IncidentRow[]> {
    return this.#db
      .selectFrom("incidents")
      .selectAll()
      .where("last_seen_at", "<", cutoff)
      .execute();
  }

  /** Which of these reports already belong to an incident, and to which. */
  async incidentsOf(reportIds: string[]): Promise<Map<string, string>> {
    if (reportIds.length === 0) return new Map();
    const rows = await this.#db
      .selectFrom("incident_reports")
      .select(["incident_id", "report_id"])
      .where("report_id", "in", reportIds)
      .execute();
    return new Map(rows.map((row) => [row.report_id, row.incident_id]));
  }

  async addReport(
    incidentId: string,
    reportId: string,
    by: string | null,
    at: string,
    changes: Partial<IncidentRow>,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto("incident_reports")
        .values({ report_id: reportId, incident_id: incidentId, added_by: by, added_at: at })
        .execute();
      await trx.updateTable("incidents").set(changes).where("id", "=", incidentId).execute();
    });
  }

  /**
   * Appends a timeline entry and applies `changes` to the incident in one transaction. With
   * `expectStatus`, only if the incident is still in that status (another dispatcher may have
   * moved it meanwhile): returns false when it was not.
   */
  async appendEvent(
    event: Omit<IncidentEventRow, "position">,
    changes?: Partial<IncidentRow>,
    expectStatus?: string,
  ): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      await this.#database.lockSequence(trx, `incident:${event.incident_id}`);
      if (changes) {
        let update = trx.updateTable("incidents").set(changes).where("id", "=", event.incident_id);
        if (expectStatus) update = update.where("status", "=", expectStatus);
        const result = await update.executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
      }
      const last = await trx
        .selectFrom("incident_events")
        .select((eb) => eb.fn.max("position").as("position"))
        .where("incident_id", "=", event.incident_id)
        .executeTakeFirst();
      await trx
        .insertInto("incident_events")
        .values({ ...event, position: Number(last?.position ?? 0) + 1 })
        .execute();
      return true;
    });
  }

  async events(incidentId: string): Promise<IncidentEventRow[]> {
    return this.#db
      .selectFrom("incident_events")
      .selectAll()
      .where("incident_id", "=", incidentId)
      .orderBy("position")
      .execute();
  }

  async linkAlert(incidentId: string, alertId: string, by: string | null, at: string) {
    await this.#db
      .insertInto("incident_alerts")
      .values({ incident_id: incidentId, alert_id: alertId, linked_by: by, linked_at: at })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async alertIds(incidentId: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom("incident_alerts")
      .select("alert_id")
      .where("incident_id", "=", incidentId)
      .orderBy("linked_at")
      .execute();
    return rows.map((row) => row.alert_id);
  }

  async inventory() {
    return {
      byStatus: await countByStatus(this.#db, "incidents"),
      notes: await countAndOldest(this.#db, "incident_events", {
        column: "at",
        where: sql`detail_enc is not null`,
      }),
    };
  }
}
