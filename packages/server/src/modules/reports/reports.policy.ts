import type { PolicyTable } from "../../http/policy.ts";

/** Anyone may report; reading reports (personal data) is for the staff who triage them. */
export const reportsPolicy: PolicyTable = {
  "POST /api/reports": "public",
  "POST /api/reports/operator": ["admin", "dispatcher"],
  "GET /api/reports": ["admin", "dispatcher"],
  "POST /api/reports/:id/discard-details": ["admin", "dispatcher"],
  "POST /api/reports/:id/follow-up": ["admin", "dispatcher"],
};
