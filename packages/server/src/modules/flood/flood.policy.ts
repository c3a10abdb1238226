import { ADMIN, type PolicyTable } from "../../http/policy.ts";

export const floodPolicy: PolicyTable = {
  "GET /api/flood/challenge": "public",
  "GET /api/admin/flood-mode": ADMIN,
  "PUT /api/admin/flood-mode": ADMIN,
};
