import type { FastifyInstance } from "fastify";

/**
 * A strict policy: scripts and styles only from our own origin (no inline script), no
 * framing, no referrer, no third parties. Map tiles, fonts and scripts are all self-hosted.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // WebAssembly (libsodium's Argon2id for family plans) may compile; JavaScript eval stays off.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export function registerSecurityHeaders(app: FastifyInstance, options: { https: boolean }): void {
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("content-security-policy", CONTENT_SECURITY_POLICY);
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    reply.header("x-frame-options", "DENY");
    reply.header("cross-origin-opener-policy", "same-origin");
    reply.header("cross-origin-resource-policy", "same-origin");
    reply.header(
      "permissions-policy",
      "geolocation=(self), camera=(), microphone=(), interest-cohort=()",
    );
    if (options.https)
      reply.header("strict-transport-security", "max-age=63072000; includeSubDomains");
    return payload;
  });
}
