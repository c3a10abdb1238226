import { escapeHtml } from "@aviso/content";
import formbody from "@fastify/formbody";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { OutboxChannel } from "../../channels/outbox/outbox.channel.ts";
import { requireStaff } from "../../http/access.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { PushKeys } from "./push-keys.ts";
import {
  ConfirmSubscription,
  NewSubscription,
  type WebSubscriptionsService,
} from "./web-subscriptions.service.ts";

const tags = ["subscriptions"];

/** Subscribing on the web (double opt-in), and the development outbox for staff to read. */
export function subscriptionsRoutes(deps: {
  web: WebSubscriptionsService;
  outbox: OutboxChannel;
  audit: AuditService;
  pushKeys: PushKeys;
}): FastifyPluginAsyncZod {
  return async (app) => {
    // Mail clients' one-click unsubscribe posts `List-Unsubscribe=One-Click`, form-encoded.
    await app.register(formbody);
    const Unsubscribe = z.object({ s: z.string().min(1).max(64), t: z.string().min(1).max(100) });
    const page = (title: string, body: string) =>
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main class="page"><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
    app.get(
      "/api/subscriptions/unsubscribe",
      {
        schema: { hide: true, querystring: Unsubscribe },
        config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      },
      async (request, reply) =>
        reply
          .type("text/html; charset=utf-8")
          .send(
            page(
              "Stop these alerts?",
              `<form method="post" action="/api/subscriptions/unsubscribe?s=${encodeURIComponent(request.query.s)}&amp;t=${encodeURIComponent(request.query.t)}"><p>You will get no more alerts at this address, and we will erase it.</p><button type="submit">Unsubscribe</button></form>`,
            ),
          ),
    );
    app.post(
      "/api/subscriptions/unsubscribe",
      {
        schema: {
          tags,
          summary: "One-click unsubscribe (RFC 8058) from the link in every email",
          querystring: Unsubscribe,
        },
        config: { rateLimit: { max: 30, timeWindow: "1 minute" } },
      },
      async (request, reply) => {
        await deps.web.unsubscribe(request.query.s, request.query.t);
        return reply
          .type("text/html; charset=utf-8")
          .send(
            page("Unsubscribed", "<p>You will get no more alerts. Your address is erased.</p>"),
          );
      },
    );
    app.get(
      "/api/push/public-key",
      {
        schema: {
          tags,
          summary: "The VAPID public key browsers subscribe to web push with",
          response: { 200: z.object({ publicKey: z.string() }) },
        },
      },
      async () => ({ publicKey: (await deps.pushKeys.get()).publicKey }),
    );
    app.post(
      "/api/subscriptions",
      {
        schema: {
          tags,
          summary:
            "Subscribe to alerts for areas: SMS (a code is texted), email (a link is sent) or web push (active at once)",
          body: NewSubscription,
          response: { 201: z.object({ id: z.string(), status: z.enum(["pending", "active"]) }) },
        },
        config: { floodGuard: true, rateLimit: { max: 10, timeWindow: "1 minute" } },
      },
      async (request, reply) => reply.status(201).send(await deps.web.subscribe(request.body)),
    );
    app.post(
      "/api/subscriptions/confirm",
      {
        schema: {
          tags,
          summary: "Confirm a subscription with the texted code",
          body: ConfirmSubscription,
          response: { 200: z.object({ id: z.string(), status: z.literal("active") }) },
        },
        config: { floodGuard: true, rateLimit: { max: 20, timeWindow: "1 minute" } },
      },
      async (request) => deps.web.confirm(request.body),
    );
    app.get(
      "/api/outbox",
      {
        schema: {
          tags,
          summary: "Messages the local outbox sent (development and demos; an audited read)",
          response: {
            200: z.object({
              messages: z.array(
                z.object({
                  id: z.string(),
                  channel: z.string(),
                  to: z.string(),
                  body: z.string(),
                  createdAt: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const staff = requireStaff(request);
        const messages = await deps.outbox.latest(50);
        await deps.audit.record({
          actor: { id: staff.userId, role: staff.role },
          action: "outbox.read",
          reason: "console.outbox",
          details: { count: messages.length },
        });
        return { messages };
      },
    );
  };
}
