import type { Migration } from "kysely/migration";
import * as createAreas from "./2026_11_28_0500_create_areas.ts";
import * as createStaffUsersAndMeta from "./2026_11_28_0510_create_staff_users_and_meta.ts";
import * as createAuthAndAudit from "./2026_11_28_0600_create_auth_and_audit.ts";
import * as createPasskeys from "./2026_11_28_0700_create_passkeys.ts";
import * as createSubscribers from "./2026_11_28_0800_create_subscribers.ts";
import * as createOutbox from "./2026_11_28_0810_create_outbox_and_confirmations.ts";
import * as createReports from "./2026_11_28_0900_create_reports.ts";
import * as createPlans from "./2026_11_28_0910_create_plans.ts";
import * as createAlerts from "./2026_11_28_1000_create_alerts.ts";
import * as createIncidents from "./2026_11_28_1100_create_incidents_and_dispatch.ts";
import * as dropDeliveryProviderIndex from "./2026_11_28_1200_drop_delivery_provider_index.ts";

/** Every migration, by name. Names sort in the order they run; a landed migration is never edited. */
export const migrations: Record<string, Migration> = {
  "2026_11_28_0500_create_areas": createAreas,
  "2026_11_28_0510_create_staff_users_and_meta": createStaffUsersAndMeta,
  "2026_11_28_0600_create_auth_and_audit": createAuthAndAudit,
  "2026_11_28_0700_create_passkeys": createPasskeys,
  "2026_11_28_0800_create_subscribers": createSubscribers,
  "2026_11_28_0810_create_outbox_and_confirmations": createOutbox,
  "2026_11_28_0900_create_reports": createReports,
  "2026_11_28_0910_create_plans": createPlans,
  "2026_11_28_1000_create_alerts": createAlerts,
  "2026_11_28_1100_create_incidents_and_dispatch": createIncidents,
  "2026_11_28_1200_drop_delivery_provider_index": dropDeliveryProviderIndex,
};
