import type { PolicyTable } from "../../http/policy.ts";

const desk = ["admin", "dispatcher"] as const;
const field = ["admin", "dispatcher", "responder"] as const;

/** Dispatchers run incidents; responders answer their own requests and keep their shift. */
export const incidentsPolicy: PolicyTable = {
  "GET /api/incidents/queue": [...desk],
  "GET /api/incidents/map": [...desk],
  "POST /api/incidents": [...desk],
  "GET /api/incidents/:id": [...desk],
  "POST /api/incidents/:id/reports": [...desk],
  "POST /api/incidents/:id/status": [...desk],
  "POST /api/incidents/:id/notes": [...desk],
  "POST /api/incidents/:id/alerts": [...desk],
  "GET /api/incidents/:id/responders": [...desk],
  "POST /api/incidents/:id/dispatches": [...desk],
  "GET /api/photos/:id": [...field],
};
