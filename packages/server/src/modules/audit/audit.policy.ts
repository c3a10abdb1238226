import { ADMIN, type PolicyTable } from "../../http/policy.ts";

export const auditPolicy: PolicyTable = { "GET /api/audit": ADMIN };
