import type { PolicyTable } from "../../http/policy.ts";

/** Twilio's webhooks are public, and guarded by their signature instead of a session. */
export const subscriptionsPolicy: PolicyTable = {
  "POST /api/sms/twilio/inbound": "public",
  "POST /api/sms/twilio/status": "public",
  "POST /api/subscriptions": "public",
  "POST /api/subscriptions/confirm": "public",
  "GET /api/subscriptions/unsubscribe": "public",
  "POST /api/subscriptions/unsubscribe": "public",
  "GET /api/push/public-key": "public",
  "GET /api/outbox": ["admin", "dispatcher"],
};
