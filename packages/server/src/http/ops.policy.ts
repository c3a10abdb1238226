import type { PolicyTable } from "./policy.ts";

/** The web app's pages and files, the API documentation and the metrics. */
export const opsPolicy: PolicyTable = {
  "GET /": "public",
  "GET /console": "public",
  "GET /subscribe": "public",
  "GET /plan": "public",
  "GET /report": "public",
  "GET /console/*": "public",
  "GET /assets/*": "public",
  "GET /fonts/*": "public",
  "GET /favicon.svg": "public",
  "GET /rights.js": "public",
  "GET /sw.js": "public",
  "GET /rights": "public",
  "GET /rights/*": "public",
  "GET /api/docs*": "public",
  "GET /metrics": "public",
};
