import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireStaff } from "../../http/access.ts";
import { actorOf } from "../users/sessions.service.ts";
import { FloodMode, type FloodService } from "./flood.service.ts";

const tags = ["flood switch"];

export function floodRoutes(flood: FloodService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/flood/challenge",
      {
        schema: {
          tags,
          summary: "Whether public forms need a proof of work now, with a challenge to solve",
          response: { 200: FloodMode.extend({ challenge: z.string(), expiresAt: z.string() }) },
        },
      },
      async (_request, reply) => {
        reply.header("cache-control", "no-store");
        return flood.challenge();
      },
    );
    app.get("/api/admin/flood-mode", { schema: { tags, response: { 200: FloodMode } } }, async () =>
      flood.mode(),
    );
    app.put(
      "/api/admin/flood-mode",
      {
        schema: {
          tags,
          summary: "Turn the flood switch on or off",
          body: FloodMode,
          response: { 200: FloodMode },
        },
      },
      async (request) => flood.setMode(request.body, actorOf(requireStaff(request))),
    );
  };
}
