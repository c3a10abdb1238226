import type { PolicyTable } from "../../http/policy.ts";

/**
 * Plans are for residents, who have no account: every route is public. Changing a plan or its
 * shares needs the owner's token (checked by the service); reading gives only ciphertext.
 */
export const plansPolicy: PolicyTable = {
  "POST /api/plans": "public",
  "GET /api/plans/:code": "public",
  "PUT /api/plans/:code": "public",
  "DELETE /api/plans/:code": "public",
  "POST /api/plans/:code/shares": "public",
  "GET /api/plans/:code/shares": "public",
  "GET /api/plans/:code/shares/:shareId": "public",
  "DELETE /api/plans/:code/shares/:shareId": "public",
};
