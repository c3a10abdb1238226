import type { PolicyTable } from "../../http/policy.ts";

export const sitePolicy: PolicyTable = { "GET /api/site": "public" };
