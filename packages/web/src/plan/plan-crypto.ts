import type { PlanEnvelope } from "@aviso/core";

/**
 * All of the family plan's cryptography, in the browser. A random 32-byte data key seals the
 * plan (XChaCha20-Poly1305, libsodium); a key derived from the passphrase (Argon2id) seals the
 * data key together with the owner's token; a share link's random key, or k of n Shamir parts,
 * give the data key alone (read-only). The server only ever sees the sealed results.
 */

type Sodium = typeof import("libsodium-wrappers-sumo");
let loading: Promise<Sodium> | undefined;

/** libsodium (WebAssembly), loaded on first use and then kept. */
export function loadSodium(): Promise<Sodium> {
  loading ??= import("libsodium-wrappers-sumo").then(async (module) => {
    const sodium = (module as unknown as { default: Sodium }).default ?? (module as Sodium);
    await sodium.ready;
    return sodium;
  });
  return loading;
}

/** Argon2id at 64 MiB and 3 passes: a second or two on a cheap phone, costly to guess at scale. */
export const KDF = { name: "argon2id13", opsLimit: 3, memLimitKiB: 65_536 } as const;

const AD_PLAN = "aviso-plan-v1";
const AD_KEY = "aviso-plan-key-v1";
const AD_SHARE = "aviso-plan-share-v1";

/** The passphrase's key and the salt it was derived with; kept in memory only. */
export interface Lock {
  kek: Uint8Array;
  salt: Uint8Array;
  kdf: PlanEnvelope["kdf"];
}

/** What the passphrase unlocks: the plan's data key and, for the owner, the owner token. */
export interface Unlocked {
  key: Uint8Array;
  ownerToken: string | undefined;
}

/** The passphrase was wrong, or a share or part does not fit: nothing could be opened. */
export class CannotOpen extends Error {}

const b64 = (sodium: Sodium, bytes: Uint8Array) =>
  sodium.to_base64(bytes, sodium.base64_variants.URLSAFE_NO_PADDING);
const unb64 = (sodium: Sodium, text: string) =>
  sodium.from_base64(text, sodium.base64_variants.URLSAFE_NO_PADDING);

function seal(sodium: Sodium, key: Uint8Array, plaintext: Uint8Array, ad: string): string {
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
  const out = new Uint8Array(nonce.length + sealed.length);
  out.set(nonce);
  out.set(sealed, nonce.length);
  return b64(sodium, out);
}

function unseal(sodium: Sodium, key: Uint8Array, text: string, ad: string): Uint8Array {
  try {
    const bytes = unb64(sodium, text);
    const size = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      bytes.subarray(size),
      ad,
      bytes.subarray(0, size),
      key,
    );
  } catch {
    throw new CannotOpen("cannot open");
  }
}

/** Derives the passphrase's key; a new salt when none is given (a new plan or passphrase). */
export async function deriveLock(
  passphrase: string,
  from?: { salt: string; kdf: PlanEnvelope["kdf"] },
): Promise<Lock> {
  const sodium = await loadSodium();
  const kdf = from?.kdf ?? KDF;
  const salt = from
    ? unb64(sodium, from.salt)
    : sodium.randombytes_buf(sodium.crypto_pwhash_SALTBYTES);
  const kek = sodium.crypto_pwhash(
    32,
    passphrase.normalize("NFKC"),
    salt,
    kdf.opsLimit,
    kdf.memLimitKiB * 1024,
    sodium.crypto_pwhash_ALG_ARGON2ID13,
  );
  return { kek, salt, kdf };
}

export async function newDataKey(): Promise<Uint8Array> {
  const sodium = await loadSodium();
  return sodium.randombytes_buf(32);
}

/** Seals a plan for the server (or a backup file) under the lock. */
export async function sealPlan(
  plan: unknown,
  lock: Lock,
  unlocked: Unlocked,
): Promise<PlanEnvelope> {
  const sodium = await loadSodium();
  const keyPayload = JSON.stringify({
    k: b64(sodium, unlocked.key),
    ...(unlocked.ownerToken ? { o: unlocked.ownerToken } : {}),
  });
  return {
    version: 1,
    kdf: { ...lock.kdf },
    salt: b64(sodium, lock.salt),
    wrappedKey: seal(sodium, lock.kek, sodium.from_string(keyPayload), AD_KEY),
    ciphertext: seal(sodium, unlocked.key, sodium.from_string(JSON.stringify(plan)), AD_PLAN),
  };
}

/** Opens an envelope with the passphrase; throws CannotOpen when it is the wrong one. */
export async function openWithPassphrase(
  envelope: PlanEnvelope,
  passphrase: string,
): Promise<{ lock: Lock; unlocked: Unlocked; plan: unknown }> {
  const sodium = await loadSodium();
  const lock = await deriveLock(passphrase, envelope);
  const payload = JSON.parse(
    sodium.to_string(unseal(sodium, lock.kek, envelope.wrappedKey, AD_KEY)),
  ) as {
    k: string;
    o?: string;
  };
  const unlocked = { key: unb64(sodium, payload.k), ownerToken: payload.o };
  return { lock, unlocked, plan: await openWithKey(envelope, unlocked.key) };
}

/** Opens an envelope's plan with its data key (a share or combined parts). */
export async function openWithKey(envelope: PlanEnvelope, key: Uint8Array): Promise<unknown> {
  const sodium = await loadSodium();
  return JSON.parse(sodium.to_string(unseal(sodium, key, envelope.ciphertext, AD_PLAN)));
}

/** A share: the data key sealed with a fresh key that goes only into the link's fragment. */
export async function wrapForShare(
  key: Uint8Array,
): Promise<{ linkKey: string; wrappedKey: string }> {
  const sodium = await loadSodium();
  const linkKey = sodium.randombytes_buf(32);
  return { linkKey: b64(sodium, linkKey), wrappedKey: seal(sodium, linkKey, key, AD_SHARE) };
}

export async function unwrapShare(wrappedKey: string, linkKey: string): Promise<Uint8Array> {
  const sodium = await loadSodium();
  return unseal(sodium, unb64(sodium, linkKey), wrappedKey, AD_SHARE);
}

/** Splits the data key into n parts, any k of which rebuild it (Shamir, audited library). */
export async function splitKey(key: Uint8Array, n: number, k: number): Promise<string[]> {
  const [{ split }, sodium] = await Promise.all([import("shamir-secret-sharing"), loadSodium()]);
  return (await split(key, n, k)).map((part) => b64(sodium, part));
}

export async function combineParts(parts: string[]): Promise<Uint8Array> {
  const [{ combine }, sodium] = await Promise.all([import("shamir-secret-sharing"), loadSodium()]);
  try {
    return await combine(parts.map((part) => unb64(sodium, part)));
  } catch {
    throw new CannotOpen("cannot combine");
  }
}

/** A passphrase to suggest: 5 groups of 4 easy-to-read characters (about 99 bits). */
export function suggestPassphrase(): string {
  const alphabet = "23456789abcdefghjkmnpqrstuvwxyz";
  const bytes = crypto.getRandomValues(new Uint32Array(20));
  const chars = [...bytes].map((n) => alphabet[n % alphabet.length]);
  return [0, 4, 8, 12, 16].map((at) => chars.slice(at, at + 4).join("")).join("-");
}

/** A rough strength: the bits a guesser faces for this length and mix of characters. */
export function passphraseStrength(passphrase: string): "weak" | "fair" | "strong" {
  const pool =
    (/[a-z]/.test(passphrase) ? 26 : 0) +
    (/[A-Z]/.test(passphrase) ? 26 : 0) +
    (/[0-9]/.test(passphrase) ? 10 : 0) +
    (/[^a-zA-Z0-9]/.test(passphrase) ? 33 : 0);
  const distinct = new Set(passphrase).size;
  const length = Math.min(passphrase.length, distinct * 2);
  const bits = length * Math.log2(Math.max(pool, 1));
  return bits >= 70 ? "strong" : bits >= 45 ? "fair" : "weak";
}
