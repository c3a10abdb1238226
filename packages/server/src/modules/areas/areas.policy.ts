import type { PolicyTable } from "../../http/policy.ts";

/** Area names and shapes are public facts, not personal data. */
export const areasPolicy: PolicyTable = {
  "GET /api/areas": "public",
  "GET /api/areas/outlines": "public",
  "GET /api/areas/lookup": "public",
  "POST /api/areas/lookup": "public",
  "GET /api/areas/:id": "public",
};
