import { ALERT_KINDS } from "@aviso/core";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireStaff } from "../../http/access.ts";
import {
  AlertEstimateInput,
  type AlertsService,
  NewAlert,
  RetractAlert,
} from "./alerts.service.ts";

const tags = ["alerts"];
const Id = z.object({ id: z.string().min(1).max(64) });
const AlertView = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  areaIds: z.array(z.string()),
  areaNames: z.array(z.string()),
  texts: z.record(z.string(), z.string()),
  retractsId: z.string().nullable(),
  composedBy: z.string(),
  composedByName: z.string(),
  approvedBy: z.string().nullable(),
  approvedByName: z.string().nullable(),
  createdAt: z.string(),
  approvedAt: z.string().nullable(),
  expiresAt: z.string(),
  signature: z.string().nullable(),
  verificationCode: z.string().nullable(),
  fanoutDone: z.boolean(),
  progress: z.record(z.string(), z.number()),
});
const actorOf = (request: FastifyRequest) => {
  const staff = requireStaff(request);
  return { id: staff.userId, role: staff.role };
};

/** Composing, approving, cancelling and retracting alerts; public verification. */
export function alertsRoutes(alerts: AlertsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/alerts",
      {
        schema: {
          tags,
          summary: "Latest alerts",
          response: { 200: z.object({ alerts: z.array(AlertView) }) },
        },
      },
      async () => ({ alerts: await alerts.list() }),
    );
    app.post(
      "/api/alerts",
      {
        schema: {
          tags,
          summary: "Compose an alert; it waits for a second person's approval",
          body: NewAlert,
          response: { 201: AlertView },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await alerts.compose(request.body, actorOf(request))),
    );
    app.post(
      "/api/alerts/draft",
      {
        schema: {
          tags,
          summary: "A kind's template per language, filled with the areas, window and hotline",
          body: z.strictObject({
            kind: z.enum(ALERT_KINDS),
            areaIds: z.array(z.string().min(1).max(64)).max(100),
            languages: z.array(z.string().min(2).max(8)).min(1).max(20),
            window: z.string().max(80).default(""),
          }),
          response: { 200: z.object({ texts: z.record(z.string(), z.string()) }) },
        },
      },
      async (request) => ({
        texts: await alerts.draftTexts(
          request.body.kind,
          request.body.areaIds,
          request.body.languages,
          request.body.window,
        ),
      }),
    );
    app.post(
      "/api/alerts/estimate",
      {
        schema: {
          tags,
          summary:
            "Recipients per channel and language, SMS segments, time and cost, before sending",
          body: AlertEstimateInput,
          response: {
            200: z.object({
              recipients: z.array(z.object({ channel: z.string(), n: z.number() })),
              languages: z.array(
                z.object({
                  lang: z.string(),
                  n: z.number(),
                  encoding: z.string(),
                  segments: z.number(),
                }),
              ),
              total: z.number(),
              segments: z.number(),
              seconds: z.number(),
              cost: z.number(),
            }),
          },
        },
      },
      async (request) => alerts.estimate(request.body.areaIds, request.body.texts),
    );
    app.get(
      "/api/alerts/public-key",
      {
        schema: {
          tags,
          summary: "The Ed25519 public key (SPKI PEM) every alert is signed with",
          response: { 200: z.object({ algorithm: z.literal("Ed25519"), publicKey: z.string() }) },
        },
      },
      async () => ({ algorithm: "Ed25519" as const, publicKey: await alerts.publicKey() }),
    );
    app.get(
      "/api/alerts/verify/:code",
      {
        schema: {
          tags,
          summary: "Check a verification code from a text: the signed alert it belongs to",
          params: z.object({ code: z.string().min(4).max(12) }),
        },
        config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      },
      async (request) => alerts.verify(request.params.code),
    );
    app.get(
      "/api/alerts/:id",
      {
        schema: {
          tags,
          summary: "One alert with its delivery progress",
          params: Id,
          response: { 200: AlertView },
        },
      },
      async (request) => alerts.get(request.params.id),
    );
    for (const action of ["approve", "reject", "cancel"] as const) {
      app.post(
        `/api/alerts/:id/${action}`,
        {
          schema: {
            tags,
            summary:
              action === "approve"
                ? "Approve (another dispatcher than the composer), sign and send"
                : action === "reject"
                  ? "Reject an alert waiting for approval"
                  : "Cancel: queued deliveries are cancelled, sent ones stay sent",
            params: Id,
            response: { 200: AlertView },
          },
        },
        async (request) => alerts[action](request.params.id, actorOf(request)),
      );
    }
    app.post(
      "/api/alerts/:id/retract",
      {
        schema: {
          tags,
          summary: "Compose a retraction to exactly the subscribers the alert reached",
          params: Id,
          body: RetractAlert,
          response: { 201: AlertView },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await alerts.retract(request.params.id, request.body, actorOf(request))),
    );
    app.get(
      "/api/alerts/:id/deliveries",
      {
        schema: {
          tags,
          summary: "Delivery receipts, nearest first, numbers masked (an audited read)",
          params: Id,
          querystring: z.object({ page: z.coerce.number().int().min(0).max(100_000).default(0) }),
          response: {
            200: z.object({
              deliveries: z.array(
                z.object({
                  to: z.string(),
                  channel: z.string(),
                  language: z.string(),
                  rank: z.number(),
                  status: z.string(),
                  attempts: z.number(),
                  providerId: z.string().nullable(),
                  error: z.string().nullable(),
                  sentAt: z.string().nullable(),
                  updatedAt: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({
        deliveries: await alerts.deliveries(
          request.params.id,
          request.query.page,
          actorOf(request),
        ),
      }),
    );
  };
}
