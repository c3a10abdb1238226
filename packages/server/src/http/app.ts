import { randomUUID } from "node:crypto";
import type { SiteInfo } from "@aviso/core";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Logger } from "pino";
import type { OutboxChannel } from "../channels/outbox/outbox.channel.ts";
import { alertsRoutes } from "../modules/alerts/alerts.routes.ts";
import type { AlertsService } from "../modules/alerts/alerts.service.ts";
import { areasRoutes } from "../modules/areas/areas.routes.ts";
import type { AreasService } from "../modules/areas/areas.service.ts";
import { auditRoutes } from "../modules/audit/audit.routes.ts";
import type { AuditService } from "../modules/audit/audit.service.ts";
import { basemapRoutes } from "../modules/basemap/basemap.routes.ts";
import { dispatchRoutes } from "../modules/dispatch/dispatch.routes.ts";
import type { DispatchService } from "../modules/dispatch/dispatch.service.ts";
import { eventsRoutes } from "../modules/events/events.routes.ts";
import type { LiveEvents } from "../modules/events/live-events.ts";
import { floodRoutes } from "../modules/flood/flood.routes.ts";
import type { FloodService } from "../modules/flood/flood.service.ts";
import { healthRoutes } from "../modules/health/health.routes.ts";
import type { HealthService } from "../modules/health/health.service.ts";
import { incidentsRoutes } from "../modules/incidents/incidents.routes.ts";
import type { IncidentsService } from "../modules/incidents/incidents.service.ts";
import { nowRoutes } from "../modules/now/now.routes.ts";
import type { NowService } from "../modules/now/now.service.ts";
import type { PhotosService } from "../modules/photos/photos.service.ts";
import { plansRoutes } from "../modules/plans/plans.routes.ts";
import type { PlansService } from "../modules/plans/plans.service.ts";
import { privacyRoutes } from "../modules/privacy/privacy.routes.ts";
import type { PrivacyService } from "../modules/privacy/privacy.service.ts";
import { reportsRoutes } from "../modules/reports/reports.routes.ts";
import type { ReportsService } from "../modules/reports/reports.service.ts";
import { siteRoutes } from "../modules/site/site.routes.ts";
import type { PushKeys } from "../modules/subscriptions/push-keys.ts";
import { smsRoutes } from "../modules/subscriptions/sms.routes.ts";
import type { SmsInboundService } from "../modules/subscriptions/sms-inbound.service.ts";
import { subscriptionsRoutes } from "../modules/subscriptions/subscriptions.routes.ts";
import type { WebSubscriptionsService } from "../modules/subscriptions/web-subscriptions.service.ts";
import { authRoutes } from "../modules/users/auth.routes.ts";
import type { PasskeysService } from "../modules/users/passkeys.service.ts";
import type { SessionsService } from "../modules/users/sessions.service.ts";
import type { SignInService } from "../modules/users/sign-in.service.ts";
import { usersRoutes } from "../modules/users/users.routes.ts";
import type { UsersService } from "../modules/users/users.service.ts";
import { registerAccess } from "./access.ts";
import { registerErrorHandler } from "./error-handler.ts";
import { registerFloodGuard } from "./flood-guard.ts";
import { registerMetrics } from "./metrics.ts";
import { POLICY } from "./policies.ts";
import type { PolicyTable } from "./policy.ts";
import { type RateLimits, registerRateLimits } from "./rate-limits.ts";
import { registerSecurityHeaders } from "./security-headers.ts";
import { registerWeb } from "./web.ts";

export interface AppServices {
  health: HealthService;
  areas: AreasService;
  users: UsersService;
  sessions: SessionsService;
  signIn: SignInService;
  passkeys: PasskeysService;
  audit: AuditService;
  privacy: PrivacyService;
  flood: FloodService;
  now: NowService;
  smsInbound: SmsInboundService;
  webSubscriptions: WebSubscriptionsService;
  outbox: OutboxChannel;
  reports: ReportsService;
  plans: PlansService;
  alerts: AlertsService;
  pushKeys: PushKeys;
  events: LiveEvents;
  photos: PhotosService;
  incidents: IncidentsService;
  dispatch: DispatchService;
}

export interface AppDependencies {
  logger: Logger;
  services: AppServices;
  site: SiteInfo;
  publicUrl: string;
  bodyLimitBytes: number;
  trustProxy: boolean;
  rateLimits: RateLimits;
  /** Verifies Twilio webhooks; without it they are refused. */
  twilioAuthToken?: string | undefined;
  /** Defaults to every module's policy; the route × role test swaps in a smaller one. */
  policy?: PolicyTable;
  /** AVISO_BASEMAP_PMTILES (absolute path); unset: the console map shows the area outlines alone. */
  basemapPmtiles?: string | undefined;
  /** Where the built web app is; defaults to packages/web/dist. */
  webDist?: string;
}

/** Builds the HTTP app from its dependencies; nothing here opens files or databases itself. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.bodyLimitBytes,
    trustProxy: deps.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  registerErrorHandler(app);
  registerSecurityHeaders(app, { https: deps.publicUrl.startsWith("https://") });
  registerMetrics(app);
  await registerRateLimits(app, deps.rateLimits);
  const { services } = deps;
  await registerAccess(app, {
    policy: deps.policy ?? POLICY,
    sessions: services.sessions,
    publicUrl: deps.publicUrl,
  });
  registerFloodGuard(app, services.flood);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "Aviso API", version: "0.1.0", description: "Rapid-response platform API" },
      servers: [{ url: deps.publicUrl }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: false });

  await app.register(healthRoutes(services.health));
  await app.register(siteRoutes(deps.site));
  await app.register(areasRoutes(services.areas));
  await app.register(authRoutes(services));
  await app.register(usersRoutes(services));
  await app.register(auditRoutes(services.audit));
  await app.register(privacyRoutes(services.privacy));
  await app.register(floodRoutes(services.flood));
  await app.register(nowRoutes(services.now, deps.site));
  await app.register(
    subscriptionsRoutes({
      web: services.webSubscriptions,
      outbox: services.outbox,
      audit: services.audit,
      pushKeys: services.pushKeys,
    }),
  );
  await app.register(reportsRoutes(services.reports, services.incidents));
  await app.register(incidentsRoutes(services.incidents, services.dispatch, services.photos));
  await app.register(dispatchRoutes(services.dispatch, services.photos));
  await app.register(eventsRoutes(services.events));
  await app.register(basemapRoutes(deps.basemapPmtiles));
  await app.register(plansRoutes(services.plans));
  await app.register(alertsRoutes(services.alerts));
  await app.register(
    smsRoutes(services.smsInbound, (receipt) => services.alerts.receipt(receipt), {
      authToken: deps.twilioAuthToken,
      publicUrl: deps.publicUrl,
    }),
  );
  await registerWeb(app, deps.site, deps.webDist);
  return app;
}
