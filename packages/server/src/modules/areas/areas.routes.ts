import {
  AreaDetail,
  AreaIdParams,
  AreaListQuery,
  AreaLookupQuery,
  AreaLookupResult,
  AreaSummary,
} from "@aviso/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AreasService } from "./areas.service.ts";

const tags = ["areas"];

/** Public area lookups: the names and shapes of areas are not personal data. */
export function areasRoutes(areas: AreasService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/areas",
      {
        schema: {
          tags,
          summary: "List areas, optionally of one kind",
          querystring: AreaListQuery,
          response: { 200: z.object({ areas: z.array(AreaSummary) }) },
        },
      },
      async (request) => ({ areas: await areas.listAreas(request.query.kind) }),
    );

    app.get(
      "/api/areas/outlines",
      {
        schema: {
          tags,
          summary: "A kind's areas as simplified SVG paths, for a map with no tiles",
          querystring: z.object({ kind: AreaListQuery.shape.kind.unwrap() }),
          response: {
            200: z.object({
              viewBox: z.string(),
              projection: z.object({
                west: z.number(),
                north: z.number(),
                xPerDegree: z.number(),
                yPerDegree: z.number(),
              }),
              areas: z.array(z.object({ id: z.string(), name: z.string(), d: z.string() })),
            }),
          },
        },
      },
      async (request, reply) => {
        reply.header("cache-control", "public, max-age=3600");
        return areas.outlines(request.query.kind);
      },
    );

    app.get(
      "/api/areas/lookup",
      {
        schema: {
          tags,
          summary: "Areas containing a point (lat, lng) or matching a ZIP code",
          querystring: AreaLookupQuery,
          response: { 200: AreaLookupResult },
        },
      },
      async (request) => ({ areas: await areas.lookup(request.query) }),
    );

    app.post(
      "/api/areas/lookup",
      {
        schema: {
          tags,
          summary:
            "The same lookup with the place in the body, so it stays out of URLs and proxy logs",
          body: AreaLookupQuery,
          response: { 200: AreaLookupResult },
        },
      },
      async (request) => ({ areas: await areas.lookup(request.body) }),
    );

    app.get(
      "/api/areas/:id",
      {
        schema: {
          tags,
          summary: "One area with its GeoJSON geometry",
          params: AreaIdParams,
          response: { 200: AreaDetail },
        },
      },
      async (request) => areas.getArea(request.params.id),
    );
  };
}
