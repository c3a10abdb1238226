import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { OutboxChannel } from "../../channels/outbox/outbox.channel.ts";
import { requireStaff } from "../../http/access.ts";
import type { AuditService } from "../audit/audit.service.ts";
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
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/api/subscriptions",
      {
        schema: {
          tags,
          summary: "Subscribe a phone number to alerts for areas; a code is texted to confirm",
          body: NewSubscription,
          response: { 201: z.object({ id: z.string(), status: z.literal("pending") }) },
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
