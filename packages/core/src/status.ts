/**
 * The lifecycles of the things staff and the system move along. Each status is one union and
 * this file is the only place its transitions are written.
 */

export const INCIDENT_STATUSES = [
  "reported",
  "dispatched",
  "verifying",
  "confirmed",
  "unconfirmed",
  "false_report",
  "closed",
  "reopened",
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

const INCIDENT_TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  reported: ["dispatched", "verifying", "confirmed", "unconfirmed", "false_report", "closed"],
  dispatched: ["verifying", "confirmed", "unconfirmed", "false_report", "closed"],
  verifying: ["confirmed", "unconfirmed", "false_report", "closed"],
  confirmed: ["closed"],
  unconfirmed: ["confirmed", "false_report", "closed"],
  false_report: ["closed"],
  closed: ["reopened"],
  reopened: ["dispatched", "verifying", "confirmed", "unconfirmed", "false_report", "closed"],
};

/** Whether an incident may move from one status to another. */
export function canMoveIncident(from: IncidentStatus, to: IncidentStatus): boolean {
  return INCIDENT_TRANSITIONS[from].includes(to);
}

/** Incidents still being worked: new reports close to one are suggested for merging. */
export function isIncidentOpen(status: IncidentStatus): boolean {
  return status !== "closed" && status !== "false_report";
}

/** A verification request to one responder, from asking to their outcome. */
export const DISPATCH_STATUSES = [
  "asked",
  "accepted",
  "declined",
  "on_the_way",
  "arrived",
  "done",
  "expired",
  "withdrawn",
] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

/** What a responder found. */
export const DISPATCH_OUTCOMES = ["confirmed", "not_found", "unable"] as const;
export type DispatchOutcomeCode = (typeof DISPATCH_OUTCOMES)[number];

const DISPATCH_TRANSITIONS: Record<DispatchStatus, readonly DispatchStatus[]> = {
  asked: ["accepted", "declined", "expired", "withdrawn"],
  // A late yes after escalation still helps: an expired request may be accepted.
  expired: ["accepted", "declined", "withdrawn"],
  accepted: ["on_the_way", "arrived", "done", "declined", "withdrawn"],
  on_the_way: ["arrived", "done", "withdrawn"],
  arrived: ["done", "withdrawn"],
  declined: [],
  done: [],
  withdrawn: [],
};

/** Whether a verification request may move from one status to another. */
export function canMoveDispatch(from: DispatchStatus, to: DispatchStatus): boolean {
  return DISPATCH_TRANSITIONS[from].includes(to);
}

/** Where a responder's outcome moves the incident (unable to verify leaves it where it is). */
export const OUTCOME_STATUS: Record<DispatchOutcomeCode, IncidentStatus | null> = {
  confirmed: "confirmed",
  not_found: "unconfirmed",
  unable: null,
};
