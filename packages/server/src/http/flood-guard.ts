import type { FastifyInstance } from "fastify";
import type { FloodService } from "../modules/flood/flood.service.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** A public form a flood could bury the hotline with: needs a proof of work when the switch is on. */
    floodGuard?: boolean;
  }
}

export const PROOF_HEADER = "x-aviso-proof";

/** Checks the proof of work on guarded routes (before the body is even validated). */
export function registerFloodGuard(app: FastifyInstance, flood: FloodService): void {
  app.addHook("preValidation", async (request) => {
    if (!request.routeOptions.config.floodGuard) return;
    const proof = request.headers[PROOF_HEADER];
    await flood.check(typeof proof === "string" ? proof : undefined);
  });
}
