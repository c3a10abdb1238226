import type { PolicyTable } from "../../http/policy.ts";

/** Twilio's webhook is public, and guarded by its signature instead of a session. */
export const subscriptionsPolicy: PolicyTable = {
  "POST /api/sms/twilio/inbound": "public",
  "POST /api/subscriptions": "public",
  "POST /api/subscriptions/confirm": "public",
  "GET /api/outbox": ["admin", "dispatcher"],
};
