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
