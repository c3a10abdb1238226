import type { PolicyTable } from "../../http/policy.ts";

/**
 * Dispatchers (and admins) compose, approve, cancel and retract alerts; the two-person rule is
 * the service's. Anyone may check an alert's code and fetch the public key.
 */
export const alertsPolicy: PolicyTable = {
  "GET /api/alerts": ["admin", "dispatcher"],
  "POST /api/alerts": ["admin", "dispatcher"],
  "POST /api/alerts/estimate": ["admin", "dispatcher"],
  "POST /api/alerts/draft": ["admin", "dispatcher"],
  "GET /api/alerts/:id": ["admin", "dispatcher"],
  "POST /api/alerts/:id/approve": ["admin", "dispatcher"],
  "POST /api/alerts/:id/reject": ["admin", "dispatcher"],
  "POST /api/alerts/:id/cancel": ["admin", "dispatcher"],
  "POST /api/alerts/:id/retract": ["admin", "dispatcher"],
  "GET /api/alerts/:id/deliveries": ["admin", "dispatcher"],
  "GET /api/alerts/verify/:code": "public",
  "GET /api/alerts/public-key": "public",
};
