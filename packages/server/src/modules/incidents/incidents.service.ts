import { randomUUID } from "node:crypto";
import {
  canMoveIncident,
  cellCentre,
  cellForPoint,
  type IncidentDetail,
  type IncidentMapData,
  type IncidentStatus,
  type IncidentSummary,
  isIncidentOpen,
  metersBetween,
  type Queue,
  type QueuedReport,
  type ReportView,
  type TimelineEntry,
} from "@aviso/core";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import { conflict, invalid, isAppError, notFound } from "../../errors.ts";
import type { AreasService } from "../areas/areas.service.ts";
import type { Actor, AuditService } from "../audit/audit.service.ts";
import type { LiveEvents } from "../events/live-events.ts";
import type { ReportPlace, ReportsService } from "../reports/reports.service.ts";
import type { UsersService } from "../users/users.service.ts";
import type { IncidentEventRow, IncidentRow, IncidentsRepository } from "./incidents.repository.ts";

const CENTROID = "incidents.centroid";

/** Two dispatchers took the same report at the same moment: the second learns it in words. */
function alreadyInIncident(error: unknown): never {
  // SQLite: "UNIQUE constraint failed: incident_reports.report_id"; PostgreSQL: "duplicate key
  // value violates unique constraint "incident_reports_pkey"".
  if (/unique/i.test(String(error)) && /incident_reports/.test(String(error)))
    throw conflict("REPORT_ALREADY_IN_INCIDENT", "This report is already part of an incident.");
  throw error;
}
const DETAIL = "incident_events.detail";
const QUEUE_DAYS = 7;

/** A timeline entry other modules add (dispatch): what happened, by whom, in words. */
export interface IncidentEvent {
  kind: "dispatched" | "dispatch" | "escalated" | "note" | "alert";
  actor: Actor;
  detail?: string;
}

/** What the incidents service needs to know of an incident to act on it. */
export interface IncidentFacts {
  id: string;
  status: IncidentStatus;
  cell: string;
  areaIds: string[];
}

/**
 * What staff track. Reports are merged into incidents (suggested when close in place and time),
 * and an incident moves through the statuses in `@aviso/core` only: every move is checked there,
 * written to the timeline with who and when, audited, and told to open consoles.
 * Reports about a person (flagged and not cleared, or discarded) never become incidents.
 */
export class IncidentsService {
  readonly #incidents: IncidentsRepository;
  readonly #reports: ReportsService;
  readonly #areas: AreasService;
  readonly #users: UsersService;
  readonly #crypto: FieldCrypto;
  readonly #audit: AuditService;
  readonly #events: LiveEvents;
  readonly #cluster: { meters: number; hours: number };
  readonly #now: () => Date;
  constructor(
    incidents: IncidentsRepository,
    reports: ReportsService,
    areas: AreasService,
    users: UsersService,
    crypto: FieldCrypto,
    audit: AuditService,
    events: LiveEvents,
    options: { cluster: { meters: number; hours: number }; now?: () => Date },
  ) {
    this.#incidents = incidents;
    this.#reports = reports;
    this.#areas = areas;
    this.#users = users;
    this.#crypto = crypto;
    this.#audit = audit;
    this.#events = events;
    this.#cluster = options.cluster;
    this.#now = options.now ?? (() => new Date());
  }

  /** Opens an incident from a report that belongs to none. */
  async open(reportId: string, actor: Actor, options: { isCleared?: boolean } = {}) {
    const place = await this.#attachable(reportId, options.isCleared ?? false);
    const at = this.#now().toISOString();
    const id = randomUUID();
    const centre = place.point ?? cellCentre(place.cell);
    const row: IncidentRow = {
      id,
      status: "reported",
      area_ids: JSON.stringify(place.areaId ? [place.areaId] : []),
      cell: place.cell,
      centroid_enc: this.#sealCentroid(centre),
      first_seen_at: place.seenAt,
      last_seen_at: place.seenAt,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    };
    await this.#incidents
      .create(row, reportId, {
        id: randomUUID(),
        incident_id: id,
        at,
        actor_id: actor.id,
        actor_role: actor.role,
        kind: "created",
        from_status: null,
        to_status: "reported",
        detail_enc: null,
      })
      .catch(alreadyInIncident);
    await this.#audit.record({
      actor,
      action: "incident.opened",
      subject: { type: "incident", id },
      details: { report: reportId, cleared: options.isCleared ? 1 : 0 },
    });
    this.#events.publish({ type: "incident.updated", id });
    return { id };
  }

  /** Merges a report into an open incident; the centroid, areas and times follow. */
  async merge(
    incidentId: string,
    reportId: string,
    actor: Actor,
    options: { isCleared?: boolean } = {},
  ) {
    const incident = await this.#require(incidentId);
    if (!isIncidentOpen(incident.status as IncidentStatus))
      throw conflict(
        "INCIDENT_NOT_OPEN",
        `This incident is ${incident.status}; reopen it before adding reports.`,
      );
    const place = await this.#attachable(reportId, options.isCleared ?? false);
    const ids = [
      ...((await this.#incidents.reportIds([incidentId])).get(incidentId) ?? []),
      reportId,
    ];
    const at = this.#now().toISOString();
    await this.#incidents
      .addReport(incidentId, reportId, actor.id, at, {
        ...(await this.#whereAndWhen(ids, place)),
        updated_at: at,
      })
      .catch(alreadyInIncident);
    await this.#incidents.appendEvent(this.#event(incidentId, "merged", actor, at));
    await this.#audit.record({
      actor,
      action: "incident.report_merged",
      subject: { type: "incident", id: incidentId },
      details: { report: reportId, cleared: options.isCleared ? 1 : 0 },
    });
    this.#events.publish({ type: "incident.updated", id: incidentId });
  }

  /**
   * Takes a report that turned out to be about a person out of its incident (its details are
   * being discarded): the incident's place and times follow the reports left; with none left,
   * it is closed. Such a report is never dispatched or broadcast.
   */
  async detach(reportId: string, actor: Actor): Promise<void> {
    const incidentId = (await this.#incidents.incidentsOf([reportId])).get(reportId);
    if (!incidentId) return;
    await this.#incidents.removeReport(reportId);
    const left = (await this.#incidents.reportIds([incidentId])).get(incidentId) ?? [];
    const at = this.#now().toISOString();
    if (left.length > 0)
      await this.#incidents.update(incidentId, {
        ...(await this.#whereAndWhen(left)),
        updated_at: at,
      });
    await this.#incidents.appendEvent(
      this.#event(incidentId, "note", actor, at, "removed a report that was about a person"),
      { updated_at: at },
    );
    await this.#audit.record({
      actor,
      action: "incident.report_removed",
      subject: { type: "incident", id: incidentId },
      details: { report: reportId, left: left.length },
    });
    if (left.length === 0) await this.moveIfAllowed(incidentId, "closed", actor);
    this.#events.publish({ type: "incident.updated", id: incidentId });
  }

  /**
   * Retention: an incident seen before `cutoff` keeps only its cell's centre, like its reports
   * keep only their cell once their precise points are erased. Returns how many it coarsened.
   */
  async coarsenBefore(cutoff: string, dryRun: boolean): Promise<number> {
    const rows = await this.#incidents.seenBefore(cutoff);
    const precise = rows.filter((row) => {
      const centre = cellCentre(row.cell);
      const kept = this.#openCentroid(row);
      return (
        kept.lat.toFixed(6) !== centre.lat.toFixed(6) ||
        kept.lng.toFixed(6) !== centre.lng.toFixed(6)
      );
    });
    if (!dryRun)
      for (const row of precise)
        await this.#incidents.update(row.id, {
          centroid_enc: this.#sealCentroid(cellCentre(row.cell)),
        });
    return precise.length;
  }

  /**
   * Moves an incident to another status, if `@aviso/core` allows that move from where it is
   * now: a timeline entry with the actor and time, an audit entry, and a live event.
   */
  async move(incidentId: string, to: IncidentStatus, actor: Actor, note?: string): Promise<void> {
    const incident = await this.#require(incidentId);
    const from = incident.status as IncidentStatus;
    if (!canMoveIncident(from, to))
      throw conflict(
        "INCIDENT_TRANSITION_REFUSED",
        `An incident that is ${from.replaceAll("_", " ")} cannot become ${to.replaceAll("_", " ")}.`,
        { from, to },
      );
    const at = this.#now().toISOString();
    const moved = await this.#incidents.appendEvent(
      { ...this.#event(incidentId, "status", actor, at, note), from_status: from, to_status: to },
      { status: to, updated_at: at },
      from,
    );
    if (!moved)
      throw conflict(
        "INCIDENT_CHANGED",
        "Someone else changed this incident a moment ago. Look again and retry.",
      );
    await this.#audit.record({
      actor,
      action: "incident.status_changed",
      subject: { type: "incident", id: incidentId },
      details: { from, to },
    });
    this.#events.publish({ type: "incident.updated", id: incidentId });
  }

  /** Moves the incident only if that move is allowed now (dispatch follows what responders say). */
  async moveIfAllowed(incidentId: string, to: IncidentStatus, actor: Actor): Promise<boolean> {
    const incident = await this.#require(incidentId);
    if (!canMoveIncident(incident.status as IncidentStatus, to)) return false;
    try {
      await this.move(incidentId, to, actor);
      return true;
    } catch (error) {
      // Someone moved it meanwhile: what they did stands.
      if (isAppError(error) && error.kind === "conflict") return false;
      throw error;
    }
  }

  /** A timeline entry from another module (a dispatch, an escalation, a note, an alert). */
  async record(incidentId: string, event: IncidentEvent): Promise<void> {
    await this.#require(incidentId);
    const at = this.#now().toISOString();
    await this.#incidents.appendEvent(
      this.#event(incidentId, event.kind, event.actor, at, event.detail),
      { updated_at: at },
    );
    this.#events.publish({ type: "incident.updated", id: incidentId });
  }

  /** Links an alert composed from this incident and notes it on the timeline. */
  async linkAlert(incidentId: string, alertId: string, actor: Actor): Promise<void> {
    await this.#require(incidentId);
    await this.#incidents.linkAlert(incidentId, alertId, actor.id, this.#now().toISOString());
    await this.record(incidentId, { kind: "alert", actor, detail: `alert ${alertId}` });
  }

  async facts(incidentId: string): Promise<IncidentFacts> {
    const row = await this.#require(incidentId);
    return {
      id: row.id,
      status: row.status as IncidentStatus,
      cell: row.cell,
      areaIds: JSON.parse(row.area_ids) as string[],
    };
  }

  /**
   * The dispatcher's queue: reports that belong to no incident (with the open incident each is
   * close to, if any) and recent incidents. An audited read of what the reports say.
   */
  async queue(
    filters: { status?: IncidentStatus | "new"; areaId?: string },
    actor: Actor,
  ): Promise<Queue> {
    const since = new Date(this.#now().getTime() - QUEUE_DAYS * 86_400_000).toISOString();
    const rows = await this.#incidents.list({ updatedSince: since });
    const reportIds = await this.#incidents.reportIds(rows.map((r) => r.id));
    const loose = await this.#reports.waiting(QUEUE_DAYS, actor, "console.queue");
    const summaries = await this.#summaries(rows, reportIds, loose, actor);
    const open = rows.filter((r) => isIncidentOpen(r.status as IncidentStatus));
    const places = new Map(
      (await this.#reports.placesOf(loose.map((r) => r.id))).map((p) => [p.id, p]),
    );
    const queued: QueuedReport[] = loose.map((report) => {
      const place = places.get(report.id);
      return { ...report, suggestion: place ? this.#suggest(place, open, summaries) : null };
    });
    const inArea = (areaIds: (string | null)[]) =>
      filters.areaId === undefined || areaIds.includes(filters.areaId);
    return {
      reports:
        filters.status === undefined || filters.status === "new"
          ? queued.filter((r) => inArea([places.get(r.id)?.areaId ?? null]))
          : [],
      incidents: summaries.filter(
        (i) =>
          filters.status !== "new" &&
          (filters.status === undefined || i.status === filters.status) &&
          inArea(i.areaIds),
      ),
    };
  }

  /** One incident with its reports and timeline: an audited read. */
  async detail(incidentId: string, actor: Actor): Promise<Omit<IncidentDetail, "dispatches">> {
    const row = await this.#require(incidentId);
    const ids = (await this.#incidents.reportIds([incidentId])).get(incidentId) ?? [];
    const reports = await this.#reports.viewsOf(ids, actor, "console.incident");
    const [summary] = await this.#summaries([row], new Map([[row.id, ids]]), reports, actor);
    const people = await this.#users.directory();
    const timeline: TimelineEntry[] = (await this.#incidents.events(incidentId)).map((e) => ({
      id: e.id,
      at: e.at,
      actorName: e.actor_id ? (people.get(e.actor_id)?.name ?? "former staff") : null,
      actorRole: e.actor_role,
      kind: e.kind,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      detail: e.detail_enc ? this.#crypto.decrypt(e.detail_enc, DETAIL) : null,
    }));
    if (!summary) throw notFound("INCIDENT_NOT_FOUND", `No incident has the id ${incidentId}`);
    return {
      ...summary,
      centroid: this.#openCentroid(row),
      reports,
      timeline,
      alertIds: await this.#incidents.alertIds(incidentId),
    };
  }

  /** Open incidents as pins at their cell's centre (coarse on purpose). */
  async mapPins(): Promise<IncidentMapData["incidents"]> {
    const rows = await this.#incidents.list({
      updatedSince: new Date(this.#now().getTime() - QUEUE_DAYS * 86_400_000).toISOString(),
    });
    const open = rows.filter((row) => isIncidentOpen(row.status as IncidentStatus));
    const counts = await this.#incidents.reportIds(open.map((r) => r.id));
    const names = await this.#areas.namesOfEach(
      open.map((r) => JSON.parse(r.area_ids) as string[]),
    );
    return open.map((row, i) => ({
      id: row.id,
      status: row.status as IncidentStatus,
      ...cellCentre(row.cell),
      title: names[i]?.join(", ") || "Incident",
      reportCount: counts.get(row.id)?.length ?? 0,
    }));
  }

  async inventory() {
    return this.#incidents.inventory();
  }

  async #summaries(
    rows: IncidentRow[],
    reportIds: Map<string, string[]>,
    known: ReportView[],
    actor: Actor,
  ): Promise<IncidentSummary[]> {
    const byId = new Map(known.map((r) => [r.id, r]));
    const firsts = rows.map((r) => reportIds.get(r.id)?.[0]).filter((id): id is string => !!id);
    const missing = firsts.filter((id) => !byId.has(id));
    for (const view of await this.#reports.viewsOf(missing, actor, "console.queue"))
      byId.set(view.id, view);
    const areaLists = rows.map((row) => JSON.parse(row.area_ids) as string[]);
    const names = await this.#areas.namesOfEach(areaLists);
    const summaries: IncidentSummary[] = [];
    for (const [i, row] of rows.entries()) {
      const areaIds = areaLists[i] ?? [];
      const areaNames = names[i] ?? [];
      const first = byId.get(reportIds.get(row.id)?.[0] ?? "");
      summaries.push({
        id: row.id,
        status: row.status as IncidentStatus,
        title: [areaNames[0], first?.details.activity.slice(0, 80)].filter(Boolean).join(" · "),
        areaIds,
        areaNames,
        reportCount: reportIds.get(row.id)?.length ?? 0,
        firstSeenAt: row.first_seen_at,
        lastSeenAt: row.last_seen_at,
        updatedAt: row.updated_at,
        waiting: 0,
        accepted: 0,
        escalated: false,
      });
    }
    return summaries;
  }

  /** The nearest open incident within the clustering distance and time, if any. */
  #suggest(place: ReportPlace, open: IncidentRow[], summaries: IncidentSummary[]) {
    const point = place.point ?? cellCentre(place.cell);
    const seen = new Date(place.seenAt).getTime();
    const window = this.#cluster.hours * 3_600_000;
    let best: QueuedReport["suggestion"] = null;
    for (const row of open) {
      const meters = Math.round(metersBetween(point, this.#openCentroid(row)));
      if (meters > this.#cluster.meters) continue;
      const first = new Date(row.first_seen_at).getTime();
      const last = new Date(row.last_seen_at).getTime();
      if (seen < first - window || seen > last + window) continue;
      const minutes = Math.round(Math.min(Math.abs(seen - first), Math.abs(seen - last)) / 60_000);
      if (!best || meters < best.meters)
        best = {
          incidentId: row.id,
          title: summaries.find((s) => s.id === row.id)?.title ?? "Incident",
          meters,
          minutes,
        };
    }
    return best;
  }

  /** Where and when an incident's reports were seen: centroid, its cell, areas, first and last. */
  async #whereAndWhen(reportIds: string[], adding?: ReportPlace): Promise<Partial<IncidentRow>> {
    const places = await this.#reports.placesOf(reportIds);
    const points = places.map((p) => p.point ?? cellCentre(p.cell));
    const centroid = {
      lat: points.reduce((sum, p) => sum + p.lat, 0) / points.length,
      lng: points.reduce((sum, p) => sum + p.lng, 0) / points.length,
    };
    const seen = places.map((p) => p.seenAt).sort();
    return {
      area_ids: JSON.stringify([
        ...new Set(places.map((p) => p.areaId).filter((a): a is string => a !== null)),
      ]),
      cell: cellForPoint(centroid.lat, centroid.lng),
      centroid_enc: this.#sealCentroid(centroid),
      first_seen_at: seen[0] ?? adding?.seenAt ?? "",
      last_seen_at: seen.at(-1) ?? adding?.seenAt ?? "",
    };
  }

  async #attachable(reportId: string, isCleared: boolean): Promise<ReportPlace> {
    const [place] = await this.#reports.placesOf([reportId]);
    if (!place) throw notFound("REPORT_NOT_FOUND", `No report has the id ${reportId}`);
    if (place.status === "discarded")
      throw conflict(
        "REPORT_ABOUT_A_PERSON",
        "This report was about a person, not enforcement activity; it is never dispatched or broadcast.",
      );
    if (place.flags.length > 0 && !isCleared)
      throw invalid(
        "REPORT_FLAGGED",
        "This report may be a tip against a person. Read it, then either discard its details or confirm it is about enforcement activity.",
        { flags: place.flags },
      );
    const owner = (await this.#incidents.incidentsOf([reportId])).get(reportId);
    if (owner)
      throw conflict("REPORT_ALREADY_IN_INCIDENT", "This report is already part of an incident.", {
        incidentId: owner,
      });
    return place;
  }

  async #require(id: string): Promise<IncidentRow> {
    const row = await this.#incidents.findById(id);
    if (!row) throw notFound("INCIDENT_NOT_FOUND", `No incident has the id ${id}`);
    return row;
  }

  #event(
    incidentId: string,
    kind: string,
    actor: Actor,
    at: string,
    detail?: string,
  ): Omit<IncidentEventRow, "position"> {
    return {
      id: randomUUID(),
      incident_id: incidentId,
      at,
      actor_id: actor.id,
      actor_role: actor.role,
      kind,
      from_status: null,
      to_status: null,
      detail_enc: detail ? this.#crypto.encrypt(detail, DETAIL) : null,
    };
  }

  #sealCentroid(point: { lat: number; lng: number }): string {
    return this.#crypto.encrypt(`${point.lat.toFixed(6)},${point.lng.toFixed(6)}`, CENTROID);
  }

  #openCentroid(row: IncidentRow): { lat: number; lng: number } {
    const [lat = 0, lng = 0] = this.#crypto
      .decrypt(row.centroid_enc, CENTROID)
      .split(",")
      .map(Number);
    return { lat, lng };
  }
}
