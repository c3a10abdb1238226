import { z } from "zod";

/**
 * A family plan as the server holds it: ciphertext made in the browser, and what the browser
 * needs to derive the key again (Argon2id parameters and salt). Nothing in it is readable.
 * `wrappedKey` is the plan's random data key (and the owner's token) sealed with the
 * passphrase's key; `ciphertext` is the plan sealed with the data key (XChaCha20-Poly1305,
 * nonce first). Shares seal the same data key with a key that lives only in a link's fragment.
 */
const base64url = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/, `${what} must be base64url`)
    .min(min, `${what} is too short`)
    .max(max, `${what} is too long`);

export const PLAN_CIPHERTEXT_MAX = 350_000;

export const PlanEnvelope = z.strictObject({
  version: z.literal(1),
  kdf: z.strictObject({
    name: z.literal("argon2id13"),
    opsLimit: z.number().int().min(2).max(10),
    memLimitKiB: z.number().int().min(19_456).max(1_048_576),
  }),
  salt: base64url("salt", 22, 22),
  wrappedKey: base64url("wrappedKey", 60, 400),
  ciphertext: base64url("ciphertext", 40, PLAN_CIPHERTEXT_MAX),
});
export type PlanEnvelope = z.infer<typeof PlanEnvelope>;

/** A read-only share: the data key sealed with a key that only the link holds. */
export const NewPlanShare = z.strictObject({
  wrappedKey: base64url("wrappedKey", 60, 200),
  expiresInDays: z.number().int().min(1).max(90),
});
export type NewPlanShare = z.infer<typeof NewPlanShare>;
