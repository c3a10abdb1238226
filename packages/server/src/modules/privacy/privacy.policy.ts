import { ADMIN, type PolicyTable } from "../../http/policy.ts";

export const privacyPolicy: PolicyTable = { "GET /api/admin/data-inventory": ADMIN };
