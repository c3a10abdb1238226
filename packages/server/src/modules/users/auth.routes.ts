import {
  AcceptInvitationBody,
  InvitationDetails,
  InvitationToken,
  SessionInfo,
  SessionSummary,
  SignInBody,
  type StaffRole,
} from "@aviso/core";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { clearSessionCookie, requireStaff, setSessionCookie } from "../../http/access.ts";
import type { PasskeysService } from "./passkeys.service.ts";
import type { SessionsService, StaffIdentity } from "./sessions.service.ts";
import type { SignInService } from "./sign-in.service.ts";
import type { UsersService } from "./users.service.ts";

const tags = ["staff sign-in"];
const Ok = z.object({ ok: z.literal(true) });

/** Sign-in, sign-out, one's own sessions, and accepting an invitation. */
/** A WebAuthn response as @simplewebauthn/browser sends it; the library checks the inside. */
const WebAuthnResponse = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: z.string().max(10_000) }),
  clientExtensionResults: z.record(z.string(), z.unknown()).optional(),
});
const PasskeyView = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
const Options = z.record(z.string(), z.unknown());

export function authRoutes(deps: {
  users: UsersService;
  sessions: SessionsService;
  signIn: SignInService;
  passkeys: PasskeysService;
}): FastifyPluginAsyncZod {
  const { users, sessions, signIn, passkeys } = deps;
  const sessionInfo = async (identity: StaffIdentity) => {
    const account = await users.getOwnAccount(identity.userId);
    return {
      user: { id: account.id, name: account.name, email: account.email, role: account.role },
      csrfToken: identity.csrfToken,
      expiresAt: identity.expiresAt,
    };
  };

  /** A new session for someone who just proved who they are: cookie set, session info answered. */
  const startSession = async (
    user: { userId: string; role: StaffRole },
    request: FastifyRequest,
    reply: FastifyReply,
  ) => {
    const { token, identity } = await sessions.create(
      user.userId,
      user.role,
      request.headers["user-agent"],
    );
    setSessionCookie(reply, token, identity.expiresAt);
    return sessionInfo(identity);
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
        config: { rateLimit: { max: 10, timeWindow: "1 minute" }, floodGuard: true },
      },
      async (request, reply) => {
        return startSession(await signIn.signIn(request.body), request, reply);
      },
    );

    app.post(
      "/api/auth/passkey/options",
      {
        schema: {
          tags,
          summary: "A one-time challenge to sign in with a passkey",
          response: { 200: Options },
        },
        config: { rateLimit: { max: 20, timeWindow: "1 minute" } },
      },
      async () => (await passkeys.signInOptions()) as unknown as Record<string, unknown>,
    );

    app.post(
      "/api/auth/passkey",
      {
        schema: {
          tags,
          summary: "Sign in with a passkey",
          body: z.object({ response: WebAuthnResponse }),
          response: { 200: SessionInfo },
        },
        config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
      },
      async (request, reply) => {
        return startSession(await passkeys.signIn(request.body.response as never), request, reply);
      },
    );

    app.get(
      "/api/account/passkeys",
      {
        schema: {
          tags,
          summary: "This account's passkeys",
          response: { 200: z.object({ passkeys: z.array(PasskeyView) }) },
        },
      },
      async (request) => ({ passkeys: await passkeys.list(requireStaff(request)) }),
    );

    app.post(
      "/api/account/passkeys/options",
      {
        schema: {
          tags,
          summary: "A one-time challenge to add a passkey",
          response: { 200: Options },
        },
      },
      async (request) =>
        (await passkeys.registrationOptions(requireStaff(request))) as unknown as Record<
          string,
          unknown
        >,
    );

    app.post(
      "/api/account/passkeys",
      {
        schema: {
          tags,
          summary: "Add a passkey to this account",
          body: z.object({ response: WebAuthnResponse, name: z.string().trim().min(1).max(60) }),
          response: { 201: PasskeyView },
        },
      },
      async (request, reply) => {
        const added = await passkeys.register(
          requireStaff(request),
          request.body.response as never,
          request.body.name,
        );
        return reply.status(201).send(added);
      },
    );

    app.delete(
      "/api/account/passkeys/:id",
      {
        schema: {
          tags,
          summary: "Remove a passkey",
          params: z.object({ id: z.string().min(1).max(1024) }),
          response: { 200: Ok },
        },
      },
      async (request) => {
        await passkeys.remove(requireStaff(request), request.params.id);
        return { ok: true as const };
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

    app.post(
      "/api/account/recovery-codes",
      {
        schema: {
          tags,
          summary: "Replace this account's recovery codes (needs the password again)",
          body: z.object({ password: z.string().min(1).max(256) }),
          response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) },
        },
        config: { rateLimit: { max: 5, timeWindow: "1 minute" } },
      },
      async (request) => {
        const identity = requireStaff(request);
        const recoveryCodes = await users.regenerateRecoveryCodes(
          { id: identity.userId, role: identity.role },
          request.body.password,
        );
        return { recoveryCodes };
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
        config: { rateLimit: { max: 10, timeWindow: "1 minute" }, floodGuard: true },
      },
      async (request, reply) => {
        const { user, recoveryCodes } = await users.acceptInvitation(request.body);
        const info = await startSession({ userId: user.id, role: user.role }, request, reply);
        return { ...info, recoveryCodes };
      },
    );
  };
}
