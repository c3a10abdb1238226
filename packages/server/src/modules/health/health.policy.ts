import type { PolicyTable } from "../../http/policy.ts";

export const healthPolicy: PolicyTable = { "GET /healthz": "public", "GET /readyz": "public" };
