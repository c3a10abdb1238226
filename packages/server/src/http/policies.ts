import { alertsPolicy } from "../modules/alerts/alerts.policy.ts";
import { areasPolicy } from "../modules/areas/areas.policy.ts";
import { auditPolicy } from "../modules/audit/audit.policy.ts";
import { basemapPolicy } from "../modules/basemap/basemap.policy.ts";
import { dispatchPolicy } from "../modules/dispatch/dispatch.policy.ts";
import { eventsPolicy } from "../modules/events/events.policy.ts";
import { floodPolicy } from "../modules/flood/flood.policy.ts";
import { healthPolicy } from "../modules/health/health.policy.ts";
import { incidentsPolicy } from "../modules/incidents/incidents.policy.ts";
import { nowPolicy } from "../modules/now/now.policy.ts";
import { plansPolicy } from "../modules/plans/plans.policy.ts";
import { privacyPolicy } from "../modules/privacy/privacy.policy.ts";
import { reportsPolicy } from "../modules/reports/reports.policy.ts";
import { sitePolicy } from "../modules/site/site.policy.ts";
import { subscriptionsPolicy } from "../modules/subscriptions/subscriptions.policy.ts";
import { usersPolicy } from "../modules/users/users.policy.ts";
import { opsPolicy } from "./ops.policy.ts";
import type { PolicyTable } from "./policy.ts";

/** Every module's policy, merged: the one table the access hook and the route × role test read. */
export const POLICY: PolicyTable = {
  ...opsPolicy,
  ...healthPolicy,
  ...sitePolicy,
  ...areasPolicy,
  ...usersPolicy,
  ...auditPolicy,
  ...privacyPolicy,
  ...floodPolicy,
  ...nowPolicy,
  ...subscriptionsPolicy,
  ...reportsPolicy,
  ...plansPolicy,
  ...alertsPolicy,
  ...incidentsPolicy,
  ...dispatchPolicy,
  ...eventsPolicy,
  ...basemapPolicy,
};
