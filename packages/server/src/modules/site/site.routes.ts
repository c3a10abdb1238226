import { SiteInfo } from "@aviso/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** What the public pages show about this deployment (name, hotline, time zone). */
export function siteRoutes(site: SiteInfo): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/site",
      { schema: { tags: ["site"], response: { 200: SiteInfo } } },
      async () => site,
    );
  };
}
