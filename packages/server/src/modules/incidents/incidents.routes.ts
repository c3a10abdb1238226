import {
  DispatchView,
  IncidentDetail,
  IncidentMapData,
  IncidentStatusSchema,
  isIncidentOpen,
  Queue,
  ResponderProposal,
} from "@aviso/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireStaff } from "../../http/access.ts";
import type { DispatchService } from "../dispatch/dispatch.service.ts";
import type { PhotosService } from "../photos/photos.service.ts";
import type { StaffIdentity } from "../users/sessions.service.ts";
import type { IncidentsService } from "./incidents.service.ts";

const tags = ["incidents"];
const Id = z.object({ id: z.string().min(1).max(64) });
const ReportRef = z.strictObject({
  reportId: z.string().min(1).max(64),
  /** The operator read a flagged report and found it is about enforcement, not a person. */
  isCleared: z.boolean().optional(),
});
const actorOf = (staff: StaffIdentity) => ({ id: staff.userId, role: staff.role });

/** The dispatcher's queue and incidents, responders' pages, and verification requests. */
export function incidentsRoutes(
  incidents: IncidentsService,
  dispatch: DispatchService,
  photos: PhotosService,
): FastifyPluginAsyncZod {
  /** Incidents with their requests counted, as the queue and pages show them. */
  const withCounts = async <T extends { id: string }>(rows: T[]) => {
    const counts = await dispatch.counts(rows.map((r) => r.id));
    return rows.map((r) => ({
      ...r,
      ...(counts.get(r.id) ?? { waiting: 0, accepted: 0, escalated: false }),
    }));
  };
  return async (app) => {
    app.get(
      "/api/incidents/queue",
      {
        schema: {
          tags,
          summary: "Reports waiting for an incident (with merge suggestions) and recent incidents",
          querystring: z.object({
            status: z.union([IncidentStatusSchema, z.literal("new")]).optional(),
            areaId: z.string().max(64).optional(),
          }),
          response: { 200: Queue },
        },
      },
      async (request) => {
        const queue = await incidents.queue(request.query, actorOf(requireStaff(request)));
        return { ...queue, incidents: await withCounts(queue.incidents) };
      },
    );
    app.get(
      "/api/incidents/map",
      {
        schema: {
          tags,
          summary: "Open incidents and available responders as map pins",
          response: { 200: IncidentMapData },
        },
      },
      async () => ({
        incidents: await incidents.mapPins(),
        responders: await dispatch.mapResponders(),
      }),
    );
    app.post(
      "/api/incidents",
      {
        schema: {
          tags,
          summary: "Open an incident from a report",
          body: ReportRef,
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await incidents.open(request.body.reportId, actorOf(requireStaff(request)), {
            isCleared: request.body.isCleared ?? false,
          }),
        ),
    );
    app.get(
      "/api/incidents/:id",
      {
        schema: {
          tags,
          summary: "One incident: reports, timeline, requests, alerts (an audited read)",
          params: Id,
          response: { 200: IncidentDetail },
        },
      },
      async (request) => {
        const detail = await incidents.detail(request.params.id, actorOf(requireStaff(request)));
        const [counted] = await withCounts([detail]);
        return { ...detail, ...counted, dispatches: await dispatch.forIncidents([detail.id]) };
      },
    );
    app.post(
      "/api/incidents/:id/reports",
      {
        schema: {
          tags,
          summary: "Merge a report into this incident",
          params: Id,
          body: ReportRef,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await incidents.merge(
          request.params.id,
          request.body.reportId,
          actorOf(requireStaff(request)),
          {
            isCleared: request.body.isCleared ?? false,
          },
        );
        return reply.status(204).send(null);
      },
    );
    app.post(
      "/api/incidents/:id/status",
      {
        schema: {
          tags,
          summary: "Move the incident to another status (only the moves @aviso/core allows)",
          params: Id,
          body: z.strictObject({
            status: IncidentStatusSchema,
            note: z.string().trim().max(2000).optional(),
          }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const actor = actorOf(requireStaff(request));
        await incidents.move(request.params.id, request.body.status, actor, request.body.note);
        // Closed or found false: nobody should still be on their way to it.
        if (!isIncidentOpen(request.body.status))
          await dispatch.withdrawFor(request.params.id, actor);
        return reply.status(204).send(null);
      },
    );
    app.post(
      "/api/incidents/:id/notes",
      {
        schema: {
          tags,
          summary: "Add a note to the timeline",
          params: Id,
          body: z.strictObject({ note: z.string().trim().min(1, "write the note").max(2000) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await incidents.record(request.params.id, {
          kind: "note",
          actor: actorOf(requireStaff(request)),
          detail: request.body.note,
        });
        return reply.status(204).send(null);
      },
    );
    app.post(
      "/api/incidents/:id/alerts",
      {
        schema: {
          tags,
          summary: "Link an alert composed from this incident",
          params: Id,
          body: z.strictObject({ alertId: z.string().min(1).max(64) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await incidents.linkAlert(
          request.params.id,
          request.body.alertId,
          actorOf(requireStaff(request)),
        );
        return reply.status(204).send(null);
      },
    );
    app.get(
      "/api/incidents/:id/responders",
      {
        schema: {
          tags,
          summary: "Available responders on shift, nearest first",
          params: Id,
          response: { 200: z.object({ responders: z.array(ResponderProposal) }) },
        },
      },
      async (request) => ({ responders: await dispatch.proposals(request.params.id) }),
    );
    app.post(
      "/api/incidents/:id/dispatches",
      {
        schema: {
          tags,
          summary: "Ask responders to verify (the nearest available when none are named)",
          params: Id,
          body: z.strictObject({
            responderIds: z.array(z.string().min(1).max(64)).min(1).max(20).optional(),
          }),
          response: { 201: z.object({ dispatches: z.array(DispatchView) }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send({
          dispatches: await dispatch.ask(
            request.params.id,
            request.body.responderIds,
            actorOf(requireStaff(request)),
          ),
        }),
    );
    app.get(
      "/api/photos/:id",
      {
        schema: {
          tags,
          summary: "A photo (metadata already stripped; an audited read)",
          params: Id,
        },
      },
      async (request, reply) => {
        const staff = requireStaff(request);
        // Responders see the photos of their own requests; the desk sees every photo.
        const jpeg = await photos.read(request.params.id, actorOf(staff), async (owner, ownerId) =>
          staff.role === "responder"
            ? owner === "dispatch" && (await dispatch.isSentTo(ownerId, staff.userId))
            : true,
        );
        return reply
          .header("content-type", "image/jpeg")
          .header("cache-control", "private, no-store")
          .send(jpeg);
      },
    );
  };
}
