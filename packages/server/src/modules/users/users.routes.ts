import { InvitationLink, NewStaffUserBody, StaffUserView } from "@aviso/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireStaff } from "../../http/access.ts";
import { actorOf, type SessionsService } from "./sessions.service.ts";
import type { UsersService } from "./users.service.ts";

const tags = ["staff administration"];
const UserId = z.object({ id: z.uuid() });

/** Admin pages: the staff list, invitations, disabling an account, ending its sessions. */
export function usersRoutes(deps: {
  users: UsersService;
  sessions: SessionsService;
}): FastifyPluginAsyncZod {
  const { users, sessions } = deps;
  return async (app) => {
    app.get(
      "/api/users",
      {
        schema: {
          tags,
          summary: "Every staff account (an audited read)",
          response: { 200: z.object({ users: z.array(StaffUserView) }) },
        },
      },
      async (request) => ({
        users: await users.listUsers(actorOf(requireStaff(request)), "admin.users.list"),
      }),
    );

    app.post(
      "/api/users",
      {
        schema: {
          tags,
          summary: "Invite a new staff member",
          body: NewStaffUserBody,
          response: { 201: z.object({ user: StaffUserView, invitation: InvitationLink }) },
        },
      },
      async (request, reply) => {
        const result = await users.addUser(request.body, actorOf(requireStaff(request)));
        return reply.status(201).send(result);
      },
    );

    app.post(
      "/api/users/:id/invitation",
      {
        schema: {
          tags,
          summary: "A new invitation link (earlier ones stop working)",
          params: UserId,
          response: { 200: InvitationLink },
        },
      },
      async (request) => users.invite(request.params.id, actorOf(requireStaff(request))),
    );

    app.post(
      "/api/users/:id/disable",
      {
        schema: {
          tags,
          summary: "Disable an account and end its sessions",
          params: UserId,
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      async (request) => {
        await users.disableUser(request.params.id, actorOf(requireStaff(request)));
        return { ok: true as const };
      },
    );

    app.delete(
      "/api/users/:id/sessions",
      {
        schema: {
          tags,
          summary: "End every session of an account",
          params: UserId,
          response: { 200: z.object({ ended: z.number() }) },
        },
      },
      async (request) => ({
        ended: await sessions.revokeAll(request.params.id, actorOf(requireStaff(request))),
      }),
    );
  };
}
