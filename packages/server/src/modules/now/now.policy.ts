import type { PolicyTable } from "../../http/policy.ts";

export const nowPolicy: PolicyTable = { "GET /now": "public", "GET /now/:lang/": "public" };
