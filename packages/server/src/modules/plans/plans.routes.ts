import { NewPlanShare, PlanEnvelope } from "@aviso/core";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { PlansService } from "./plans.service.ts";

const tags = ["plans"];
const ENVELOPE_BODY_LIMIT = 400_000;
const Code = z.object({ code: z.string().min(1).max(20) });
const CodeAndShare = Code.extend({ shareId: z.string().min(1).max(40) });
const Share = z.object({ id: z.string(), createdAt: z.string(), expiresAt: z.string() });

/** The owner's token, sent as `Authorization: Bearer <token>`. */
const ownerToken = (request: FastifyRequest) =>
  /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];

/** Family plans: sealed envelopes in and out; the server never sees inside. */
export function plansRoutes(plans: PlansService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/api/plans",
      {
        schema: {
          tags,
          summary:
            "Store a new family plan sealed in the browser; answers its code and owner token",
          body: PlanEnvelope,
          response: {
            201: z.object({ id: z.string(), code: z.string(), ownerToken: z.string() }),
          },
        },
        bodyLimit: ENVELOPE_BODY_LIMIT,
        config: { floodGuard: true, rateLimit: { max: 5, timeWindow: "1 minute" } },
      },
      async (request, reply) => reply.status(201).send(await plans.create(request.body)),
    );
    app.get(
      "/api/plans/:code",
      {
        schema: {
          tags,
          summary: "A plan's sealed envelope, by its code",
          params: Code,
          response: {
            200: z.object({
              id: z.string(),
              code: z.string(),
              envelope: PlanEnvelope,
              updatedAt: z.string(),
            }),
          },
        },
        config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      },
      async (request) => plans.get(request.params.code),
    );
    app.put(
      "/api/plans/:code",
      {
        schema: {
          tags,
          summary: "Replace a plan's envelope (owner token as a Bearer token)",
          params: Code,
          body: PlanEnvelope,
          response: { 200: z.object({ updatedAt: z.string() }) },
        },
        bodyLimit: ENVELOPE_BODY_LIMIT,
        config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      },
      async (request) => plans.replace(request.params.code, ownerToken(request), request.body),
    );
    app.delete(
      "/api/plans/:code",
      {
        schema: {
          tags,
          summary: "Delete a plan and all its shares for good (owner token)",
          params: Code,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await plans.delete(request.params.code, ownerToken(request));
        return reply.status(204).send(null);
      },
    );
    app.post(
      "/api/plans/:code/shares",
      {
        schema: {
          tags,
          summary: "Add a read-only share: the plan's key sealed with a key kept in the link",
          params: Code,
          body: NewPlanShare,
          response: { 201: z.object({ id: z.string(), expiresAt: z.string() }) },
        },
        config: { rateLimit: { max: 20, timeWindow: "1 minute" } },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await plans.share(request.params.code, ownerToken(request), request.body)),
    );
    app.get(
      "/api/plans/:code/shares",
      {
        schema: {
          tags,
          summary: "The plan's shares that still work (owner token)",
          params: Code,
          response: { 200: z.object({ shares: z.array(Share) }) },
        },
      },
      async (request) => ({
        shares: await plans.shares(request.params.code, ownerToken(request)),
      }),
    );
    app.get(
      "/api/plans/:code/shares/:shareId",
      {
        schema: {
          tags,
          summary: "A share's sealed key, unless it expired or was taken back",
          params: CodeAndShare,
          response: { 200: z.object({ wrappedKey: z.string(), expiresAt: z.string() }) },
        },
        config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      },
      async (request) => plans.openShare(request.params.code, request.params.shareId),
    );
    app.delete(
      "/api/plans/:code/shares/:shareId",
      {
        schema: {
          tags,
          summary: "Take a share back (owner token)",
          params: CodeAndShare,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await plans.revokeShare(request.params.code, ownerToken(request), request.params.shareId);
        return reply.status(204).send(null);
      },
    );
  };
}
