import { DispatchAnswer, OnShift, ResponderHome, ShiftView } from "@aviso/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireStaff } from "../../http/access.ts";
import { MAX_PHOTO_BASE64, MAX_PHOTO_BYTES, type PhotosService } from "../photos/photos.service.ts";
import type { StaffIdentity } from "../users/sessions.service.ts";
import type { DispatchService } from "./dispatch.service.ts";

const tags = ["dispatch"];
const Id = z.object({ id: z.string().min(1).max(64) });
const actorOf = (staff: StaffIdentity) => ({ id: staff.userId, role: staff.role });

/** Responders' own page (shift, availability, contact, answers) and the dispatcher's shift list. */
export function dispatchRoutes(
  dispatch: DispatchService,
  photos: PhotosService,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/responder",
      {
        schema: {
          tags,
          summary: "My shift, availability and verification requests",
          response: { 200: ResponderHome },
        },
      },
      async (request) => dispatch.home(requireStaff(request).userId),
    );
    app.post(
      "/api/responder/availability",
      {
        schema: {
          tags,
          summary: "Say whether I can be asked now",
          body: z.strictObject({ available: z.boolean() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const staff = requireStaff(request);
        await dispatch.setAvailability(staff.userId, request.body.available, actorOf(staff));
        return reply.status(204).send(null);
      },
    );
    app.put(
      "/api/responder/contact",
      {
        schema: {
          tags,
          summary: "Where my verification requests go: a phone number, a push subscription",
          body: z.strictObject({
            phone: z.string().trim().max(40).nullable().optional(),
            push: z.string().max(4000).nullable().optional(),
          }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const staff = requireStaff(request);
        await dispatch.setContact(staff.userId, request.body, actorOf(staff));
        return reply.status(204).send(null);
      },
    );
    app.post(
      "/api/responder/shift",
      {
        schema: {
          tags,
          summary: "Start my shift now over some areas",
          body: z.strictObject({
            areaIds: z.array(z.string().min(1).max(64)).min(1, "choose at least one area").max(20),
            endsAt: z.iso.datetime({ offset: true }),
          }),
          response: { 201: ShiftView },
        },
      },
      async (request, reply) => {
        const staff = requireStaff(request);
        return reply
          .status(201)
          .send(await dispatch.startShift(staff.userId, request.body, actorOf(staff)));
      },
    );
    app.get(
      "/api/shifts/people",
      {
        schema: {
          tags,
          summary: "Who may be put on shift (names and roles only)",
          response: {
            200: z.object({
              people: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
            }),
          },
        },
      },
      async () => ({ people: await dispatch.people() }),
    );
    app.get(
      "/api/shifts",
      {
        schema: {
          tags,
          summary: "Who is on shift now",
          response: { 200: z.object({ shifts: z.array(OnShift) }) },
        },
      },
      async () => ({ shifts: await dispatch.onShift() }),
    );
    app.post(
      "/api/shifts",
      {
        schema: {
          tags,
          summary: "Put a responder on shift from now until endsAt",
          body: z.strictObject({
            userId: z.string().min(1).max(64),
            areaIds: z.array(z.string().min(1).max(64)).min(1, "choose at least one area").max(20),
            endsAt: z.iso.datetime({ offset: true }),
          }),
          response: { 201: ShiftView },
        },
      },
      async (request, reply) => {
        const { userId, ...shift } = request.body;
        return reply
          .status(201)
          .send(await dispatch.scheduleShift(userId, shift, actorOf(requireStaff(request))));
      },
    );
    app.delete(
      "/api/responder/shift",
      { schema: { tags, summary: "End my shift now", response: { 204: z.null() } } },
      async (request, reply) => {
        const staff = requireStaff(request);
        await dispatch.endShift(staff.userId, actorOf(staff));
        return reply.status(204).send(null);
      },
    );
    app.post(
      "/api/dispatches/:id/answer",
      {
        schema: {
          tags,
          summary: "Answer a verification request sent to me",
          params: Id,
          body: DispatchAnswer,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const staff = requireStaff(request);
        await dispatch.answer(request.params.id, request.body, {
          id: staff.userId,
          role: staff.role,
        });
        return reply.status(204).send(null);
      },
    );
    app.post(
      "/api/dispatches/:id/photos",
      {
        schema: {
          tags,
          summary: "Add a photo to my outcome (metadata stripped)",
          params: Id,
          body: z.strictObject({ photo: z.string().max(MAX_PHOTO_BASE64 + 100) }),
          response: { 201: z.object({ id: z.string() }) },
        },
        bodyLimit: MAX_PHOTO_BASE64 + 4096,
        config: { tooLargeMessage: `A photo may be up to ${MAX_PHOTO_BYTES / 1024 / 1024} MB.` },
      },
      async (request, reply) => {
        const staff = requireStaff(request);
        const id = await dispatch.addPhoto(
          request.params.id,
          await photos.clean(request.body.photo),
          staff.userId,
        );
        return reply.status(201).send({ id });
      },
    );
  };
}
