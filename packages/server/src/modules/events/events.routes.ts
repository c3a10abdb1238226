import type { LiveEvent } from "@aviso/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireStaff } from "../../http/access.ts";
import { securityHeaders } from "../../http/security-headers.ts";
import type { LiveEvents } from "./live-events.ts";

const KEEP_ALIVE_MS = 20_000;
/**
 * A stream ends after this long and the browser reconnects at once, so a session that ended
 * (signed out, disabled, expired) stops hearing events within minutes.
 */
const STREAM_MS = 5 * 60_000;

/**
 * `GET /api/events`: server-sent events for the console. A dispatcher hears everything; a
 * responder only what concerns their own verification requests.
 */
export function eventsRoutes(events: LiveEvents): FastifyPluginAsyncZod {
  return async (app) => {
    // Open streams end when the server closes, or they would hold it open.
    const streams = new Set<() => void>();
    app.addHook("preClose", async () => {
      for (const end of streams) end();
    });
    app.get(
      "/api/events",
      {
        schema: {
          tags: ["events"],
          summary:
            "Server-sent events: report.created, report.updated, incident.updated, dispatch.updated (ids only)",
        },
      },
      async (request, reply) => {
        const staff = requireStaff(request);
        const isForMe = (event: LiveEvent) =>
          staff.role === "admin" || staff.role === "dispatcher"
            ? true
            : event.type === "dispatch.updated" && event.responderId === staff.userId;
        const raw = reply.raw;
        // Listening starts before the answer's headers go out, so an event that happens once
        // the console sees the stream open is never missed.
        let isOpen = false;
        const held: string[] = [];
        const stop = await events.subscribe((event) => {
          if (!isForMe(event)) return;
          const text = `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
          if (isOpen) raw.write(text);
          else held.push(text);
        });
        reply.hijack();
        // A hijacked answer skips the onSend hooks, so it sets the usual headers itself.
        raw.writeHead(200, {
          ...securityHeaders({ https: false }),
          "content-type": "text/event-stream; charset=utf-8",
          "cache-control": "no-store",
          connection: "keep-alive",
          "x-accel-buffering": "no",
        });
        raw.write(`retry: 2000\n: connected\n\n${held.join("")}`);
        isOpen = true;
        const keepAlive = setInterval(() => raw.write(": keep-alive\n\n"), KEEP_ALIVE_MS);
        keepAlive.unref();
        const end = () => {
          if (!isOpen) return;
          isOpen = false;
          streams.delete(end);
          clearInterval(keepAlive);
          clearTimeout(lifetime);
          void stop();
          raw.end();
        };
        const lifetime = setTimeout(end, STREAM_MS);
        lifetime.unref();
        streams.add(end);
        request.raw.once("close", end);
      },
    );
  };
}
