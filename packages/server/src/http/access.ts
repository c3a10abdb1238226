import fastifyCookie from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { safeEqual } from "../crypto/tokens.ts";
import { AppError } from "../errors.ts";
import type { SessionsService, StaffIdentity } from "../modules/users/sessions.service.ts";
import { accessFor, isAllowed, type PolicyTable } from "./policy.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in staff member, when the route is not public and a session was found. */
    staff?: StaffIdentity;
  }
}

const registeredRoutes = new WeakMap<FastifyInstance, { method: string; url: string }[]>();

/** Every route registered on an app (HEAD twins left out), for the route × role test. */
export function listRoutes(app: FastifyInstance): { method: string; url: string }[] {
  return registeredRoutes.get(app) ?? [];
}

/** `__Host-` binds the cookie to this exact origin over HTTPS (browsers treat localhost as secure). */
export const SESSION_COOKIE = "__Host-aviso_session";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: "strict",
    path: "/",
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    secure: true,
    sameSite: "strict",
    path: "/",
  });
}

export interface AccessOptions {
  policy: PolicyTable;
  sessions: SessionsService;
  publicUrl: string;
}

/** Refuses a state-changing request that another site started (login CSRF included). */
function checkOrigin(request: FastifyRequest, publicUrl: string): void {
  if (request.headers["sec-fetch-site"] === "cross-site") {
    throw new AppError("forbidden", "CROSS_SITE_REQUEST", "Requests from other sites are refused");
  }
  const origin = request.headers.origin;
  if (!origin) return;
  const allowed = new Set([new URL(publicUrl).origin, `${request.protocol}://${request.host}`]);
  if (!allowed.has(origin))
    throw new AppError("forbidden", "CROSS_SITE_REQUEST", "Requests from other sites are refused");
}

/**
 * Every route answers to exactly one policy line. Before anything else runs: find the rule
 * (none → refused), resolve the session for non-public routes, check the role, and for
 * state-changing staff requests the per-session CSRF token.
 */
export async function registerAccess(app: FastifyInstance, options: AccessOptions): Promise<void> {
  await app.register(fastifyCookie);
  const routes: { method: string; url: string }[] = [];
  registeredRoutes.set(app, routes);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== "HEAD") routes.push({ method, url: route.url });
  });
  app.addHook("onRequest", async (request) => {
    const url = request.routeOptions.url;
    if (url === undefined) return; // no such route: the not-found handler answers
    const access = accessFor(options.policy, request.method, url);
    if (access === undefined) {
      request.log.error(
        { route: `${request.method} ${url}` },
        "route has no policy entry; refused",
      );
      throw new AppError(
        "forbidden",
        "NO_POLICY",
        "This route has no access policy and is refused",
      );
    }
    const isUnsafe = UNSAFE_METHODS.has(request.method);
    if (isUnsafe) checkOrigin(request, options.publicUrl);
    if (access === "public") return;
    const token = request.cookies[SESSION_COOKIE];
    const identity = token ? await options.sessions.resolve(token) : undefined;
    if (!identity) throw new AppError("unauthenticated", "SIGN_IN_REQUIRED", "Sign in to continue");
    if (!isAllowed(access, identity.role)) {
      throw new AppError("forbidden", "FORBIDDEN", "Your role does not allow this");
    }
    if (isUnsafe) {
      const sent = request.headers["x-csrf-token"];
      if (typeof sent !== "string" || !safeEqual(sent, identity.csrfToken)) {
        throw new AppError(
          "forbidden",
          "CSRF_TOKEN_INVALID",
          "Missing or wrong x-csrf-token header; reload the page",
        );
      }
    }
    request.staff = identity;
  });
}

/** The identity on a route whose policy guarantees one. */
export function requireStaff(request: FastifyRequest): StaffIdentity {
  if (!request.staff)
    throw new AppError("unauthenticated", "SIGN_IN_REQUIRED", "Sign in to continue");
  return request.staff;
}
