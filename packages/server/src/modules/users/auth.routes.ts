import {
  AcceptInvitationBody,
  InvitationDetails,
  InvitationToken,
  SessionInfo,
  SessionSummary,
  SignInBody,
} from "@aviso/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { clearSessionCookie, requireStaff, setSessionCookie } from "../../http/access.ts";
import type { SessionsService, StaffIdentity } from "./sessions.service.ts";
import type { SignInService } from "./sign-in.service.ts";
import type { UsersService } from "./users.service.ts";

const tags = ["staff sign-in"];
const Ok = z.object({ ok: z.literal(true) });

/** Sign-in, sign-out, one's own sessions, and accepting an invitation. */
export function authRoutes(deps: {
  users: UsersService;
  sessions: SessionsService;
  signIn: SignInService;
}): FastifyPluginAsyncZod {
  const { users, sessions, signIn } = deps;
  const sessionInfo = async (identity: StaffIdentity) => {
    const account = await users.getOwnAccount(identity.userId);
    return {
      user: { id: account.id, name: account.name, email: account.email, role: account.role },
      csrfToken: identity.csrfToken,
      expiresAt: identity.expiresAt,
    };
  };

  return async (app) => {
    app.post(
      "/api/auth/sign-in",
      {
        schema: {
          tags,
          summary: "Sign in with email, password and a second factor",
          body: SignInBody,
          response: { 200: SessionInfo },
        },
        config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
      },
      async (request, reply) => {
        const user = await signIn.signIn(request.body);
        const { token, identity } = await sessions.create(
          user.userId,
          user.role,
          request.headers["user-agent"],
        );
        setSessionCookie(reply, token, identity.expiresAt);
        return sessionInfo(identity);
      },
    );

    app.get(
      "/api/auth/session",
      { schema: { tags, summary: "Who is signed in", response: { 200: SessionInfo } } },
      async (request) => sessionInfo(requireStaff(request)),
    );

    app.post(
      "/api/auth/sign-out",
      { schema: { tags, summary: "End this session", response: { 200: Ok } } },
      async (request, reply) => {
        const identity = requireStaff(request);
        await sessions.revoke(identity, identity.sessionId);
        clearSessionCookie(reply);
        return { ok: true as const };
      },
    );

    app.post(
      "/api/auth/sign-out-everywhere",
      {
        schema: {
          tags,
          summary: "End every session of this account",
          response: { 200: z.object({ ended: z.number() }) },
        },
      },
      async (request, reply) => {
        const identity = requireStaff(request);
        const ended = await sessions.revokeAll(identity.userId, {
          id: identity.userId,
          role: identity.role,
        });
        clearSessionCookie(reply);
        return { ended };
      },
    );

    app.get(
      "/api/account/sessions",
      {
        schema: {
          tags,
          summary: "This account's live sessions",
          response: { 200: z.object({ sessions: z.array(SessionSummary) }) },
        },
      },
      async (request) => ({ sessions: await sessions.list(requireStaff(request)) }),
    );

    app.delete(
      "/api/account/sessions/:id",
      {
        schema: {
          tags,
          summary: "End one of this account's sessions",
          params: z.object({ id: z.uuid() }),
          response: { 200: Ok },
        },
      },
      async (request) => {
        await sessions.revoke(requireStaff(request), request.params.id);
        return { ok: true as const };
      },
    );

    app.post(
      "/api/invitations/inspect",
      {
        schema: {
          tags,
          summary: "What an invitation link is for, with a new TOTP secret to enrol",
          body: InvitationToken,
          response: { 200: InvitationDetails },
        },
        config: { rateLimit: { max: 20, timeWindow: "1 minute" } },
      },
      async (request) => users.inspectInvitation(request.body.token),
    );

    app.post(
      "/api/invitations/accept",
      {
        schema: {
          tags,
          summary: "Set a password and enrol TOTP; answers the recovery codes once",
          body: AcceptInvitationBody,
          response: { 200: SessionInfo.extend({ recoveryCodes: z.array(z.string()) }) },
        },
        config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
      },
      async (request, reply) => {
        const { user, recoveryCodes } = await users.acceptInvitation(request.body);
        const { token, identity } = await sessions.create(
          user.id,
          user.role,
          request.headers["user-agent"],
        );
        setSessionCookie(reply, token, identity.expiresAt);
        return { ...(await sessionInfo(identity)), recoveryCodes };
      },
    );
  };
}
