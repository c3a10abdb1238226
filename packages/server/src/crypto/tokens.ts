import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

/** A random bearer token (session cookie, invitation link): 32 bytes, base64url. */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString("base64url");

/** What the database keeps of a token: its SHA-256, so a copy of the database is no key. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** No 0/O, 1/I/L: easy to read out over the phone and to type from paper. */
const READABLE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** A random code people read and type, in dash-separated groups (e.g. `K7Q2-MX4P`). */
export function readableCode(groups: number[]): string {
  return groups
    .map((length) =>
      Array.from({ length }, () => READABLE_ALPHABET[randomInt(READABLE_ALPHABET.length)]).join(""),
    )
    .join("-");
}

/** A typed code back in its stored form: capitals, dashes where {@link readableCode} puts them. */
export function normalizeReadableCode(text: string, groups: number[]): string | undefined {
  const chars = text.toUpperCase().replace(/[^0-9A-Z]/g, "");
  if (chars.length !== groups.reduce((a, b) => a + b, 0)) return undefined;
  if ([...chars].some((c) => !READABLE_ALPHABET.includes(c))) return undefined;
  let at = 0;
  return groups
    .map((length) => {
      const part = chars.slice(at, at + length);
      at += length;
      return part;
    })
    .join("-");
}
