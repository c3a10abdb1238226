import type { PolicyTable } from "../../http/policy.ts";

/** The live stream is for staff; the route narrows it further by role. */
export const eventsPolicy: PolicyTable = {
  "GET /api/events": ["admin", "dispatcher", "responder"],
};
