import type { PolicyTable } from "../../http/policy.ts";

const desk = ["admin", "dispatcher"] as const;
const field = ["admin", "dispatcher", "responder"] as const;

/** Responders keep their shift and answer their own requests; the desk sees and sets shifts. */
export const dispatchPolicy: PolicyTable = {
  "GET /api/shifts": [...desk],
  "GET /api/shifts/people": [...desk],
  "POST /api/shifts": [...desk],
  "GET /api/responder": [...field],
  "POST /api/responder/availability": [...field],
  "PUT /api/responder/contact": [...field],
  "POST /api/responder/shift": [...field],
  "DELETE /api/responder/shift": [...field],
  "POST /api/dispatches/:id/answer": [...field],
  "POST /api/dispatches/:id/photos": [...field],
};
