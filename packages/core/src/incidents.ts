import { z } from "zod";
import { DISPATCH_OUTCOMES, DISPATCH_STATUSES, INCIDENT_STATUSES } from "./status.ts";

/**
 * The contract between the server and the console for reports, incidents, responders and
 * dispatch: what the queue, the incident page and the responder page show.
 */

const optional = z.string().optional();

/** What a report says (SALUTE and the note), as staff read it. */
export const ReportDetails = z.object({
  size: optional,
  activity: z.string(),
  place: optional,
  uniform: optional,
  equipment: optional,
  note: optional,
});
export type ReportDetails = z.infer<typeof ReportDetails>;

export const ReportView = z.object({
  id: z.string(),
  receipt: z.string(),
  source: z.string(),
  language: z.string(),
  status: z.string(),
  areaName: z.string().nullable(),
  precision: z.string(),
  details: ReportDetails,
  hasReplyNumber: z.boolean(),
  /** Questions staff texted the reporter, and their answers. */
  followUps: z.array(
    z.object({
      question: z.string(),
      answer: z.string().nullable(),
      askedAt: z.string(),
      answeredAt: z.string().nullable(),
      expiresAt: z.string(),
    }),
  ),
  photoIds: z.array(z.string()),
  /** Screening codes: the report may be a tip against a person. */
  flags: z.array(z.string()),
  seenAt: z.string(),
  createdAt: z.string(),
});
export type ReportView = z.infer<typeof ReportView>;

export const IncidentStatusSchema = z.enum(INCIDENT_STATUSES);
export const DispatchStatusSchema = z.enum(DISPATCH_STATUSES);
export const DispatchOutcome = z.enum(DISPATCH_OUTCOMES);
export type DispatchOutcome = z.infer<typeof DispatchOutcome>;

export const IncidentSummary = z.object({
  id: z.string(),
  status: IncidentStatusSchema,
  title: z.string(),
  areaIds: z.array(z.string()),
  areaNames: z.array(z.string()),
  reportCount: z.number().int(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  updatedAt: z.string(),
  /** Verification requests waiting for an answer, and whether escalation has asked others. */
  waiting: z.number().int(),
  accepted: z.number().int(),
  escalated: z.boolean(),
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;

/** A report that belongs to no incident yet, with the open incident it is close to (if any). */
export const QueuedReport = ReportView.extend({
  suggestion: z
    .object({ incidentId: z.string(), title: z.string(), meters: z.number(), minutes: z.number() })
    .nullable(),
});
export type QueuedReport = z.infer<typeof QueuedReport>;

export const Queue = z.object({
  reports: z.array(QueuedReport),
  incidents: z.array(IncidentSummary),
});
export type Queue = z.infer<typeof Queue>;

export const TimelineEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  detail: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const DispatchView = z.object({
  id: z.string(),
  incidentId: z.string(),
  responderId: z.string(),
  responderName: z.string(),
  status: DispatchStatusSchema,
  wave: z.number().int(),
  distance: z.number().int().nullable(),
  outcome: DispatchOutcome.nullable(),
  note: z.string().nullable(),
  photoIds: z.array(z.string()),
  askedAt: z.string(),
  updatedAt: z.string(),
});
export type DispatchView = z.infer<typeof DispatchView>;

export const IncidentDetail = IncidentSummary.extend({
  centroid: z.object({ lat: z.number(), lng: z.number() }),
  reports: z.array(ReportView),
  timeline: z.array(TimelineEntry),
  dispatches: z.array(DispatchView),
  alertIds: z.array(z.string()),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

/** A responder the console proposes for an incident, nearest first. */
export const ResponderProposal = z.object({
  responderId: z.string(),
  name: z.string(),
  /** Rings of H3 cells between their nearest shift area and the incident. */
  distance: z.number().int().nullable(),
  areaNames: z.array(z.string()),
  canBeReached: z.boolean(),
  alreadyAsked: z.boolean(),
});
export type ResponderProposal = z.infer<typeof ResponderProposal>;

export const ShiftView = z.object({
  id: z.string(),
  userId: z.string(),
  areaIds: z.array(z.string()),
  areaNames: z.array(z.string()),
  startsAt: z.string(),
  endsAt: z.string(),
});
export type ShiftView = z.infer<typeof ShiftView>;

/** Who is on shift now, for the dispatcher. */
export const OnShift = ShiftView.extend({ name: z.string(), available: z.boolean() });
export type OnShift = z.infer<typeof OnShift>;

/** What a responder's phone page shows: their shift, availability and requests. */
export const ResponderHome = z.object({
  available: z.boolean(),
  hasPhone: z.boolean(),
  hasPush: z.boolean(),
  shift: ShiftView.nullable(),
  requests: z.array(
    DispatchView.extend({
      incident: z.object({
        id: z.string(),
        status: IncidentStatusSchema,
        areaNames: z.array(z.string()),
        reports: z.array(ReportDetails.extend({ id: z.string(), seenAt: z.string() })),
      }),
    }),
  ),
});
export type ResponderHome = z.infer<typeof ResponderHome>;

/** What a responder answers to a verification request. */
export const DispatchAnswer = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("accept") }),
  z.strictObject({ action: z.literal("decline") }),
  z.strictObject({ action: z.literal("on_the_way") }),
  z.strictObject({ action: z.literal("arrived") }),
  z.strictObject({
    action: z.literal("outcome"),
    outcome: DispatchOutcome,
    note: z.string().trim().max(2000).optional(),
  }),
]);
export type DispatchAnswer = z.infer<typeof DispatchAnswer>;

/** Pins for the console map: incidents at their cell's centre, responders at their shift areas. */
export const IncidentMapData = z.object({
  incidents: z.array(
    z.object({
      id: z.string(),
      status: IncidentStatusSchema,
      lat: z.number(),
      lng: z.number(),
      title: z.string(),
      reportCount: z.number().int(),
    }),
  ),
  responders: z.array(
    z.object({ id: z.string(), name: z.string(), lat: z.number(), lng: z.number() }),
  ),
});
export type IncidentMapData = z.infer<typeof IncidentMapData>;

/** What `GET /api/events` streams: ids only; the console reads the rest through the API. */
export const LIVE_EVENT_TYPES = [
  "report.created",
  "report.updated",
  "incident.updated",
  "dispatch.updated",
] as const;
export const LiveEvent = z.object({
  type: z.enum(LIVE_EVENT_TYPES),
  id: z.string(),
  incidentId: z.string().optional(),
  responderId: z.string().optional(),
});
export type LiveEvent = z.infer<typeof LiveEvent>;
