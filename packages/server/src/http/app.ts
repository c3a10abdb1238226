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
import { areasRoutes } from "../modules/areas/areas.routes.ts";
import type { AreasService } from "../modules/areas/areas.service.ts";
import { healthRoutes } from "../modules/health/health.routes.ts";
import type { HealthService } from "../modules/health/health.service.ts";
import { siteRoutes } from "../modules/site/site.routes.ts";
import { registerErrorHandler } from "./error-handler.ts";
import { registerMetrics } from "./metrics.ts";
import { registerSecurityHeaders } from "./security-headers.ts";
import { registerWeb } from "./web.ts";

export interface AppDependencies {
  logger: Logger;
  health: HealthService;
  areas: AreasService;
  site: SiteInfo;
  publicUrl: string;
  bodyLimitBytes: number;
  trustProxy: boolean;
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

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "Aviso API", version: "0.1.0", description: "Rapid-response platform API" },
      servers: [{ url: deps.publicUrl }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: false });

  await app.register(healthRoutes(deps.health));
  await app.register(siteRoutes(deps.site));
  await app.register(areasRoutes(deps.areas));
  await registerWeb(app, deps.site, deps.webDist);
  return app;
}
