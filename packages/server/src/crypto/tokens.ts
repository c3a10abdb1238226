import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A random bearer token (session cookie, invitation link): 32 bytes, base64url. */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString("base64url");

/** What the database keeps of a token: its SHA-256, so a copy of the database is no key. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
