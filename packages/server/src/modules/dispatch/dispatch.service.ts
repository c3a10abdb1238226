import { randomUUID } from "node:crypto";
import {
  canMoveDispatch,
  cellCentre,
  cellDistance,
  type DispatchAnswer,
  type DispatchStatus,
  type DispatchView,
  type IncidentMapData,
  isIncidentOpen,
  type OnShift,
  OUTCOME_STATUS,
  type ResponderHome,
  type ResponderProposal,
  type ShiftView,
} from "@aviso/core";
import type { Logger } from "pino";
import type { MessageChannel } from "../../channels/channel.ts";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import { conflict, forbidden, invalid, notFound } from "../../errors.ts";
import type { AreasService } from "../areas/areas.service.ts";
import { type Actor, type AuditService, SYSTEM } from "../audit/audit.service.ts";
import type { LiveEvents } from "../events/live-events.ts";
import type { IncidentsService } from "../incidents/incidents.service.ts";
import type { CleanPhoto, PhotosService } from "../photos/photos.service.ts";
import { readContact } from "../subscriptions/contacts.ts";
import { readPhone } from "../subscriptions/phone.ts";
import type { UsersService } from "../users/users.service.ts";
import type { DispatchRepository, DispatchRow, ShiftRow } from "./dispatch.repository.ts";

const PHONE = "responders.phone";
const PUSH = "responders.push";
const NOTE = "dispatches.note";
/** Requests still waiting for, or being worked by, their responder. */
const PENDING: DispatchStatus[] = ["asked", "accepted", "on_the_way", "arrived"];
const WORKING: DispatchStatus[] = ["accepted", "on_the_way", "arrived"];

export interface DispatchOptions {
  publicUrl: string;
  /** Unanswered requests go to the next nearest responders after this long. */
  acceptMinutes: number;
  /** How many responders one wave asks. */
  waveSize: number;
  countries: string[];
  now?: () => Date;
  logger?: Logger;
}

/**
 * Responders, their shifts and verification requests. The console proposes the nearest
 * available responders on shift (by H3 ring distance from their shift areas to the incident)
 * and asks them by SMS and web push with a link to their page; nobody accepting in time asks
 * the next nearest. What responders answer moves the incident through the incidents service.
 */
export class DispatchService {
  readonly #dispatch: DispatchRepository;
  readonly #incidents: IncidentsService;
  readonly #areas: AreasService;
  readonly #users: UsersService;
  readonly #photos: PhotosService;
  readonly #crypto: FieldCrypto;
  readonly #audit: AuditService;
  readonly #events: LiveEvents;
  readonly #channels: { sms: MessageChannel; push: MessageChannel };
  readonly #options: DispatchOptions;
  readonly #now: () => Date;
  constructor(
    deps: {
      dispatch: DispatchRepository;
      incidents: IncidentsService;
      areas: AreasService;
      users: UsersService;
      photos: PhotosService;
      crypto: FieldCrypto;
      audit: AuditService;
      events: LiveEvents;
      channels: { sms: MessageChannel; push: MessageChannel };
    },
    options: DispatchOptions,
  ) {
    this.#dispatch = deps.dispatch;
    this.#incidents = deps.incidents;
    this.#areas = deps.areas;
    this.#users = deps.users;
    this.#photos = deps.photos;
    this.#crypto = deps.crypto;
    this.#audit = deps.audit;
    this.#events = deps.events;
    this.#channels = deps.channels;
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /** Available responders on shift now, nearest to the incident first. */
  async proposals(incidentId: string): Promise<ResponderProposal[]> {
    const incident = await this.#incidents.facts(incidentId);
    const asked = new Set(
      (await this.#dispatch.forIncidents([incidentId])).map((row) => row.responder_id),
    );
    const shifts = await this.#dispatch.shiftsAt(this.#now().toISOString());
    const byUser = new Map<string, ShiftRow>();
    for (const shift of shifts) if (!byUser.has(shift.user_id)) byUser.set(shift.user_id, shift);
    const responders = new Map(
      (await this.#dispatch.responders([...byUser.keys()])).map((r) => [r.user_id, r]),
    );
    const people = await this.#users.directory();
    const proposals: ResponderProposal[] = [];
    for (const [userId, shift] of byUser) {
      const person = people.get(userId);
      const responder = responders.get(userId);
      if (!person?.isActive || !responder?.available) continue;
      const areaIds = JSON.parse(shift.area_ids) as string[];
      let distance: number | null = null;
      for (const areaId of areaIds) {
        const rings = cellDistance(await this.#areas.centreCell(areaId), incident.cell);
        if (rings !== null && (distance === null || rings < distance)) distance = rings;
      }
      proposals.push({
        responderId: userId,
        name: person.name,
        distance,
        areaNames: await this.#areas.namesOf(areaIds),
        canBeReached: responder.phone_enc !== null || responder.push_enc !== null,
        alreadyAsked: asked.has(userId),
      });
    }
    return proposals.sort(
      (a, b) =>
        Number(a.alreadyAsked) - Number(b.alreadyAsked) ||
        (a.distance ?? Number.MAX_SAFE_INTEGER) - (b.distance ?? Number.MAX_SAFE_INTEGER) ||
        a.name.localeCompare(b.name),
    );
  }

  /**
   * Sends verification requests: to the responders named, or to the nearest `waveSize`
   * available on shift who were not asked yet. The incident becomes dispatched.
   */
  async ask(incidentId: string, responderIds: string[] | undefined, actor: Actor) {
    const incident = await this.#incidents.facts(incidentId);
    if (!isIncidentOpen(incident.status))
      throw conflict("INCIDENT_NOT_OPEN", `This incident is ${incident.status}; reopen it first.`);
    const proposals = (await this.proposals(incidentId)).filter((p) => !p.alreadyAsked);
    const chosen = responderIds
      ? responderIds.map((id) => {
          const found = proposals.find((p) => p.responderId === id);
          if (!found)
            throw invalid(
              "RESPONDER_NOT_AVAILABLE",
              "That responder is not on shift and available, or was already asked.",
              { responderId: id },
            );
          return found;
        })
      : proposals.slice(0, this.#options.waveSize);
    if (chosen.length === 0)
      throw conflict(
        "NO_RESPONDER_AVAILABLE",
        "No responder on shift is available for this incident. Call the responders' phone tree.",
      );
    const existing = await this.#dispatch.forIncidents([incidentId]);
    const wave = responderIds ? Math.max(1, ...existing.map((d) => d.wave)) : nextWave(existing);
    const sent = await this.#send(incidentId, chosen, wave, actor);
    await this.#incidents.moveIfAllowed(incidentId, "dispatched", actor);
    return sent;
  }

  /** A responder answers a request: accept, decline, on my way, arrived, or an outcome. */
  async answer(
    dispatchId: string,
    answer: DispatchAnswer,
    actor: Actor & { id: string },
  ): Promise<void> {
    const row = await this.#dispatch.findById(dispatchId);
    if (!row)
      throw notFound("DISPATCH_NOT_FOUND", `No verification request has the id ${dispatchId}`);
    if (row.responder_id !== actor.id)
      throw forbidden("NOT_YOUR_REQUEST", "This verification request was sent to someone else.");
    const from = row.status as DispatchStatus;
    const to: DispatchStatus =
      answer.action === "outcome"
        ? "done"
        : answer.action === "accept"
          ? "accepted"
          : answer.action === "decline"
            ? "declined"
            : answer.action;
    if (!canMoveDispatch(from, to))
      throw conflict(
        "DISPATCH_TRANSITION_REFUSED",
        `This request is ${from.replaceAll("_", " ")}; it cannot become ${to.replaceAll("_", " ")}.`,
        { from, to },
      );
    const now = this.#now().toISOString();
    const note = answer.action === "outcome" ? answer.note : undefined;
    const moved = await this.#dispatch.move(dispatchId, from, {
      status: to,
      updated_at: now,
      ...(answer.action === "outcome" ? { outcome: answer.outcome } : {}),
      ...(note ? { note_enc: this.#crypto.encrypt(note, NOTE) } : {}),
    });
    if (!moved)
      throw conflict(
        "DISPATCH_CHANGED",
        "This request changed a moment ago. Look again and retry.",
      );
    const words =
      answer.action === "outcome"
        ? `${answer.outcome.replaceAll("_", " ")}${note ? ` — ${note}` : ""}`
        : to.replaceAll("_", " ");
    await this.#incidents.record(row.incident_id, { kind: "dispatch", actor, detail: words });
    await this.#audit.record({
      actor,
      action: "dispatch.answered",
      subject: { type: "dispatch", id: dispatchId },
      details: { from, to, outcome: answer.action === "outcome" ? answer.outcome : "" },
    });
    if (to === "accepted") await this.#incidents.moveIfAllowed(row.incident_id, "verifying", actor);
    if (answer.action === "outcome") {
      const status = OUTCOME_STATUS[answer.outcome];
      if (status) {
        await this.#incidents.moveIfAllowed(row.incident_id, "verifying", actor);
        await this.#incidents.moveIfAllowed(row.incident_id, status, actor);
      }
    }
    this.#events.publish({
      type: "dispatch.updated",
      id: dispatchId,
      incidentId: row.incident_id,
      responderId: row.responder_id,
    });
    // Everyone asked said no: ask the next nearest now rather than waiting for the timer.
    if (to === "declined") await this.#escalateIfNobodyLeft(row.incident_id);
  }

  /**
   * An incident closed or found false: its requests still waiting or being worked are
   * withdrawn, so nobody goes out for it. Returns how many.
   */
  async withdrawFor(incidentId: string, actor: Actor): Promise<number> {
    const now = this.#now().toISOString();
    let withdrawn = 0;
    for (const row of await this.#dispatch.forIncidents([incidentId])) {
      const from = row.status as DispatchStatus;
      if (!canMoveDispatch(from, "withdrawn")) continue;
      if (!(await this.#dispatch.move(row.id, from, { status: "withdrawn", updated_at: now })))
        continue;
      withdrawn += 1;
      this.#events.publish({
        type: "dispatch.updated",
        id: row.id,
        incidentId,
        responderId: row.responder_id,
      });
    }
    if (withdrawn > 0) {
      await this.#incidents.record(incidentId, {
        kind: "dispatch",
        actor,
        detail: `withdrew ${withdrawn} verification ${withdrawn === 1 ? "request" : "requests"}`,
      });
      await this.#audit.record({
        actor,
        action: "dispatch.withdrawn",
        subject: { type: "incident", id: incidentId },
        details: { count: withdrawn },
      });
    }
    return withdrawn;
  }

  /** Whether this request was sent to this person. */
  async isSentTo(dispatchId: string, userId: string): Promise<boolean> {
    return this.#dispatch.isSentTo(dispatchId, userId);
  }

  /** A photo from the responder a request was sent to; its metadata is already stripped. */
  async addPhoto(dispatchId: string, photo: CleanPhoto, userId: string): Promise<string> {
    const row = await this.#dispatch.findById(dispatchId);
    if (!row)
      throw notFound("DISPATCH_NOT_FOUND", `No verification request has the id ${dispatchId}`);
    if (row.responder_id !== userId)
      throw forbidden("NOT_YOUR_REQUEST", "This verification request was sent to someone else.");
    const id = await this.#photos.store("dispatch", dispatchId, photo);
    this.#events.publish({
      type: "dispatch.updated",
      id: dispatchId,
      incidentId: row.incident_id,
      responderId: userId,
    });
    return id;
  }

  /**
   * The no-accept rule, run by a job: requests unanswered for `acceptMinutes` expire and the
   * next nearest responders are asked. Returns how many incidents it escalated.
   */
  async escalate(): Promise<number> {
    const cutoff = new Date(
      this.#now().getTime() - this.#options.acceptMinutes * 60_000,
    ).toISOString();
    let escalated = 0;
    for (const incidentId of await this.#dispatch.overdueIncidents(cutoff)) {
      const now = this.#now().toISOString();
      let expiredHere = 0;
      for (const row of await this.#dispatch.forIncidents([incidentId]))
        if (
          row.status === "asked" &&
          row.asked_at <= cutoff &&
          (await this.#dispatch.move(row.id, "asked", { status: "expired", updated_at: now }))
        )
          expiredHere += 1;
      // Only the process whose update expired the requests asks on (two running this job, or
      // an answer arriving meanwhile, must not ask the next wave twice); and it reads again.
      if (expiredHere === 0) continue;
      const rows = await this.#dispatch.forIncidents([incidentId]);
      if (rows.some((row) => WORKING.includes(row.status as DispatchStatus))) continue;
      const facts = await this.#incidents.facts(incidentId);
      if (!isIncidentOpen(facts.status)) continue;
      const stillWaiting = rows.some((row) => row.status === "asked" && row.asked_at > cutoff);
      if (stillWaiting) continue;
      await this.#askNextWave(
        incidentId,
        rows,
        `nobody accepted in ${this.#options.acceptMinutes} ${this.#options.acceptMinutes === 1 ? "minute" : "minutes"}`,
      );
      escalated += 1;
    }
    return escalated;
  }

  /** The requests of some incidents, for the incident page and the queue. */
  async forIncidents(incidentIds: string[]): Promise<DispatchView[]> {
    const rows = await this.#dispatch.forIncidents(incidentIds);
    const people = await this.#users.directory();
    const photos = await this.#photos.idsFor(
      "dispatch",
      rows.map((row) => row.id),
    );
    return rows.map((row) => this.#view(row, people.get(row.responder_id)?.name, photos));
  }

  /** Per incident: requests waiting, accepted, and whether escalation asked a later wave. */
  async counts(incidentIds: string[]) {
    const counts = new Map<string, { waiting: number; accepted: number; escalated: boolean }>();
    for (const row of await this.#dispatch.forIncidents(incidentIds)) {
      const entry = counts.get(row.incident_id) ?? { waiting: 0, accepted: 0, escalated: false };
      if (row.status === "asked") entry.waiting += 1;
      if (WORKING.includes(row.status as DispatchStatus) || row.status === "done")
        entry.accepted += 1;
      if (row.wave > 1 && row.asked_by === null) entry.escalated = true;
      counts.set(row.incident_id, entry);
    }
    return counts;
  }

  /** A responder's phone page: shift, availability and their requests with what to check. */
  async home(userId: string): Promise<ResponderHome> {
    const responder = await this.#dispatch.responder(userId);
    const [shift] = await this.#dispatch.shiftsAt(this.#now().toISOString(), userId);
    const since = new Date(this.#now().getTime() - 12 * 3_600_000).toISOString();
    const rows = (await this.#dispatch.forResponder(userId, since)).filter(
      (row) => row.status !== "withdrawn",
    );
    const name = (await this.#users.directory()).get(userId)?.name;
    const photos = await this.#photos.idsFor(
      "dispatch",
      rows.map((row) => row.id),
    );
    const requests: ResponderHome["requests"] = [];
    for (const row of rows) {
      const incident = await this.#incidents.facts(row.incident_id);
      const detail = await this.#incidents.detail(row.incident_id, {
        id: userId,
        role: "responder",
      });
      // What a responder needs to find the activity, and only while the request is theirs to
      // work: not the reporter's note, and nothing once they declined or it ended.
      const isActive = PENDING.includes(row.status as DispatchStatus) || row.status === "expired";
      requests.push({
        ...this.#view(row, name, photos),
        incident: {
          id: incident.id,
          status: incident.status,
          areaNames: detail.areaNames,
          reports: isActive
            ? detail.reports.map(({ id, seenAt, details: d }) => ({
                id,
                seenAt,
                activity: d.activity,
                size: d.size,
                place: d.place,
                uniform: d.uniform,
                equipment: d.equipment,
              }))
            : [],
        },
      });
    }
    return {
      available: responder?.available === 1,
      hasPhone: !!responder?.phone_enc,
      hasPush: !!responder?.push_enc,
      shift: shift ? await this.#shiftView(shift) : null,
      requests,
    };
  }

  /** A responder says whether they can be asked now. */
  async setAvailability(userId: string, available: boolean, actor: Actor): Promise<void> {
    const current = await this.#dispatch.responder(userId);
    await this.#dispatch.saveResponder({
      user_id: userId,
      available: available ? 1 : 0,
      phone_enc: current?.phone_enc ?? null,
      push_enc: current?.push_enc ?? null,
      updated_at: this.#now().toISOString(),
    });
    await this.#audit.record({
      actor,
      action: "responder.availability",
      subject: { type: "staff_user", id: userId },
      details: { available: available ? 1 : 0 },
    });
  }

  /** Where verification requests reach a responder: a phone number, a push subscription. */
  async setContact(
    userId: string,
    contact: { phone?: string | null; push?: string | null },
    actor: Actor,
  ): Promise<void> {
    const current = await this.#dispatch.responder(userId);
    let phoneEnc = current?.phone_enc ?? null;
    if (contact.phone !== undefined) {
      const phone = contact.phone ? readPhone(contact.phone, this.#options.countries) : undefined;
      if (contact.phone && !phone?.isAllowedCountry)
        throw invalid("PHONE_INVALID", "That is not a phone number we can text.", {
          field: "phone",
        });
      phoneEnc = phone ? this.#crypto.encrypt(phone.e164, PHONE) : null;
    }
    // A push subscription is checked as a subscriber's is (its endpoint, its keys).
    const push = contact.push
      ? readContact("push", contact.push, this.#crypto, this.#options.countries).value
      : contact.push;
    const pushEnc =
      push === undefined
        ? (current?.push_enc ?? null)
        : push
          ? this.#crypto.encrypt(push, PUSH)
          : null;
    await this.#dispatch.saveResponder({
      user_id: userId,
      available: current?.available ?? 0,
      phone_enc: phoneEnc,
      push_enc: pushEnc,
      updated_at: this.#now().toISOString(),
    });
    await this.#audit.record({
      actor,
      action: "responder.contact_changed",
      subject: { type: "staff_user", id: userId },
      details: { phone: phoneEnc ? 1 : 0, push: pushEnc ? 1 : 0 },
    });
  }

  /** Starts a shift now over some areas until `endsAt`; ends the person's running shift. */
  async startShift(
    userId: string,
    input: { areaIds: string[]; endsAt: string },
    actor: Actor,
  ): Promise<ShiftView> {
    const now = this.#now();
    const ends = new Date(input.endsAt);
    if (!(ends.getTime() > now.getTime()) || ends.getTime() > now.getTime() + 24 * 3_600_000)
      throw invalid("SHIFT_END_INVALID", "A shift ends later today or tomorrow, within 24 hours.", {
        field: "endsAt",
      });
    for (const areaId of input.areaIds) await this.#areas.getArea(areaId);
    await this.#dispatch.endShifts(userId, now.toISOString());
    const row: ShiftRow = {
      id: randomUUID(),
      user_id: userId,
      area_ids: JSON.stringify([...new Set(input.areaIds)]),
      starts_at: now.toISOString(),
      ends_at: ends.toISOString(),
      created_by: actor.id,
      created_at: now.toISOString(),
    };
    await this.#dispatch.insertShift(row);
    // Starting a shift means being available; the toggle turns it off for a break.
    await this.setAvailability(userId, true, actor);
    await this.#audit.record({
      actor,
      action: "shift.started",
      subject: { type: "staff_user", id: userId },
      details: { areas: input.areaIds.length, endsAt: row.ends_at },
    });
    return this.#shiftView(row);
  }

  /** A dispatcher puts a colleague on shift (someone without the console on their phone yet). */
  async scheduleShift(
    userId: string,
    input: { areaIds: string[]; endsAt: string },
    actor: Actor,
  ): Promise<ShiftView> {
    const person = (await this.#users.directory()).get(userId);
    if (!person?.isActive || person.role === "case_worker")
      throw invalid(
        "NOT_A_RESPONDER",
        "Only active responders, dispatchers and admins can be put on shift.",
        { field: "userId" },
      );
    return this.startShift(userId, input, actor);
  }

  /** Who may be put on shift: active responders, dispatchers and admins (names, no contacts). */
  async people(): Promise<{ id: string; name: string; role: string }[]> {
    return [...(await this.#users.directory())]
      .filter(([, p]) => p.isActive && p.role !== "case_worker")
      .map(([id, p]) => ({ id, name: p.name, role: p.role }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Everyone on shift now, with whether they can be asked. */
  async onShift(): Promise<OnShift[]> {
    const { shifts, available, people } = await this.#shiftsNow();
    const views: OnShift[] = [];
    for (const shift of shifts)
      views.push({
        ...(await this.#shiftView(shift)),
        name: people.get(shift.user_id)?.name ?? "former staff",
        available: available.has(shift.user_id),
      });
    return views;
  }

  async endShift(userId: string, actor: Actor): Promise<void> {
    await this.#dispatch.endShifts(userId, this.#now().toISOString());
    await this.#audit.record({
      actor,
      action: "shift.ended",
      subject: { type: "staff_user", id: userId },
    });
  }

  /** Available responders on shift, at their shift areas' centre, for the map. */
  async mapResponders(): Promise<IncidentMapData["responders"]> {
    const { shifts, available, people } = await this.#shiftsNow();
    const pins: IncidentMapData["responders"] = [];
    for (const shift of shifts) {
      const [areaId] = JSON.parse(shift.area_ids) as string[];
      if (!areaId || !available.has(shift.user_id) || pins.some((p) => p.id === shift.user_id))
        continue;
      pins.push({
        id: shift.user_id,
        name: people.get(shift.user_id)?.name ?? "Responder",
        ...cellCentre(await this.#areas.centreCell(areaId)),
      });
    }
    return pins;
  }

  async inventory() {
    return this.#dispatch.inventory();
  }

  /** The shifts running now, who of them can be asked, and everyone's names. */
  async #shiftsNow() {
    const shifts = await this.#dispatch.shiftsAt(this.#now().toISOString());
    const available = new Set(
      (await this.#dispatch.responders(shifts.map((s) => s.user_id)))
        .filter((r) => r.available === 1)
        .map((r) => r.user_id),
    );
    return { shifts, available, people: await this.#users.directory() };
  }

  async #escalateIfNobodyLeft(incidentId: string): Promise<void> {
    const rows = await this.#dispatch.forIncidents([incidentId]);
    if (rows.some((row) => PENDING.includes(row.status as DispatchStatus))) return;
    if (!isIncidentOpen((await this.#incidents.facts(incidentId)).status)) return;
    await this.#askNextWave(incidentId, rows, "everyone asked declined");
  }

  async #askNextWave(incidentId: string, rows: DispatchRow[], why: string): Promise<void> {
    const next = (await this.proposals(incidentId))
      .filter((p) => !p.alreadyAsked)
      .slice(0, this.#options.waveSize);
    const detail =
      next.length > 0
        ? `${why}; asking the next nearest (${next.map((p) => p.name).join(", ")})`
        : `${why}; no other responder on shift is available`;
    await this.#incidents.record(incidentId, { kind: "escalated", actor: SYSTEM, detail });
    if (next.length > 0) await this.#send(incidentId, next, nextWave(rows), SYSTEM);
    this.#events.publish({ type: "dispatch.updated", id: incidentId, incidentId });
  }

  async #send(
    incidentId: string,
    chosen: ResponderProposal[],
    wave: number,
    actor: Actor,
  ): Promise<DispatchView[]> {
    const now = this.#now().toISOString();
    let rows: DispatchRow[] = chosen.map((p) => ({
      id: randomUUID(),
      incident_id: incidentId,
      responder_id: p.responderId,
      status: "asked",
      wave,
      distance: p.distance,
      outcome: null,
      note_enc: null,
      asked_by: actor.id,
      asked_at: now,
      updated_at: now,
    }));
    // One request per responder per incident (a unique index): a double click or a second
    // process asking the same person inserts nothing, and nothing is sent twice.
    const inserted = new Set(await this.#dispatch.insertDispatches(rows));
    rows = rows.filter((row) => inserted.has(row.id));
    const incident = await this.#incidents.facts(incidentId);
    const where = (await this.#areas.namesOf(incident.areaIds)).join(", ") || "your area";
    const contacts = new Map(
      (await this.#dispatch.responders(rows.map((r) => r.responder_id))).map((r) => [r.user_id, r]),
    );
    for (const row of rows) {
      const url = `${this.#options.publicUrl}/console/respond/${row.id}`;
      // The request names the area only; what was reported is behind the sign-in.
      const body = `Aviso: can you check a report near ${where}? Answer here: ${url}`;
      const contact = contacts.get(row.responder_id);
      const reached: string[] = [];
      if (contact?.phone_enc)
        await this.#tryToSend(reached, "SMS", () =>
          this.#channels.sms.send({
            channel: "sms",
            to: this.#crypto.decrypt(contact.phone_enc ?? "", PHONE),
            body,
          }),
        );
      if (contact?.push_enc)
        await this.#tryToSend(reached, "push", () =>
          this.#channels.push.send({
            channel: "push",
            to: this.#crypto.decrypt(contact.push_enc ?? "", PUSH),
            subject: "Aviso: verification request",
            body: `Can you check a report near ${where}?`,
            url,
          }),
        );
      const name = chosen.find((p) => p.responderId === row.responder_id)?.name ?? "responder";
      await this.#incidents.record(incidentId, {
        kind: "dispatched",
        actor,
        detail: `asked ${name} (wave ${wave}${row.distance !== null ? `, ${row.distance} ${row.distance === 1 ? "cell" : "cells"} away` : ""}) by ${reached.join(" and ") || "the console only (no phone or push on file)"}`,
      });
      this.#events.publish({
        type: "dispatch.updated",
        id: row.id,
        incidentId,
        responderId: row.responder_id,
      });
    }
    await this.#audit.record({
      actor,
      action: "dispatch.asked",
      subject: { type: "incident", id: incidentId },
      details: { wave, responders: rows.map((r) => r.responder_id).join(",") },
    });
    const people = await this.#users.directory();
    return rows.map((row) => this.#view(row, people.get(row.responder_id)?.name, new Map()));
  }

  async #tryToSend(reached: string[], how: string, send: () => Promise<unknown>) {
    try {
      await send();
      reached.push(how);
    } catch (error) {
      this.#options.logger?.warn({ err: error, how }, "could not send a verification request");
    }
  }

  #view(row: DispatchRow, name: string | undefined, photos: Map<string, string[]>): DispatchView {
    return {
      id: row.id,
      incidentId: row.incident_id,
      responderId: row.responder_id,
      responderName: name ?? "former staff",
      status: row.status as DispatchStatus,
      wave: row.wave,
      distance: row.distance,
      outcome: row.outcome as DispatchView["outcome"],
      note: row.note_enc ? this.#crypto.decrypt(row.note_enc, NOTE) : null,
      photoIds: photos.get(row.id) ?? [],
      askedAt: row.asked_at,
      updatedAt: row.updated_at,
    };
  }

  async #shiftView(row: ShiftRow): Promise<ShiftView> {
    const areaIds = JSON.parse(row.area_ids) as string[];
    return {
      id: row.id,
      userId: row.user_id,
      areaIds,
      areaNames: await this.#areas.namesOf(areaIds),
      startsAt: row.starts_at,
      endsAt: row.ends_at,
    };
  }
}

function nextWave(rows: DispatchRow[]): number {
  return rows.length === 0 ? 1 : Math.max(...rows.map((row) => row.wave)) + 1;
}
