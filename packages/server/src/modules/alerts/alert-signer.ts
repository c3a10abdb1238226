import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import type { InstanceRepository } from "../instance/instance.repository.ts";

const META_KEY = "alert_signing_key";
/** The encryption context of the signing key in `meta` (listed in encrypted-columns.ts). */
export const SIGNING_KEY_CONTEXT = "meta.alert_signing_key";
const READABLE = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** What is signed: every fact the alert asserts, in one canonical form. */
export interface SignedAlert {
  id: string;
  kind: string;
  areas: string[];
  texts: Record<string, string>;
  issuedAt: string;
  expiresAt: string;
  retracts: string | null;
}

/** The exact bytes signed: keys in a fixed order, texts sorted by language. */
export function canonicalAlert(alert: SignedAlert): string {
  return JSON.stringify({
    v: 1,
    id: alert.id,
    kind: alert.kind,
    areas: alert.areas,
    texts: Object.fromEntries(Object.entries(alert.texts).sort(([a], [b]) => a.localeCompare(b))),
    issuedAt: alert.issuedAt,
    expiresAt: alert.expiresAt,
    retracts: alert.retracts,
  });
}

/** A short code from the signature, printed in each SMS and shown on the public page. */
export function verificationCode(signature: string): string {
  const digest = createHash("sha256").update(signature).digest();
  return [...digest.subarray(0, 6)].map((byte) => READABLE[byte % READABLE.length]).join("");
}

/**
 * The installation's Ed25519 alert key: made on first use, kept in `meta` sealed under the
 * master key. Anyone can check an alert against the public key; only this server can sign.
 */
export class AlertSigner {
  readonly #meta: InstanceRepository;
  readonly #crypto: FieldCrypto;
  #key: KeyObject | undefined;
  constructor(meta: InstanceRepository, crypto: FieldCrypto) {
    this.#meta = meta;
    this.#crypto = crypto;
  }

  async #privateKey(): Promise<KeyObject> {
    if (this.#key) return this.#key;
    let sealed = await this.#meta.get(META_KEY);
    if (sealed === undefined) {
      const { privateKey } = generateKeyPairSync("ed25519");
      const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
      try {
        await this.#meta.insert(META_KEY, this.#crypto.encrypt(pem, SIGNING_KEY_CONTEXT));
      } catch {
        // Another process made it first; use theirs.
      }
      sealed = (await this.#meta.get(META_KEY)) ?? "";
    }
    this.#key = createPrivateKey(this.#crypto.decrypt(sealed, SIGNING_KEY_CONTEXT));
    return this.#key;
  }

  async sign(alert: SignedAlert): Promise<{ signature: string; code: string }> {
    const signature = sign(
      null,
      Buffer.from(canonicalAlert(alert)),
      await this.#privateKey(),
    ).toString("base64url");
    return { signature, code: verificationCode(signature) };
  }

  /** The public key (SPKI PEM) that verifies every alert this installation sends. */
  async publicKeyPem(): Promise<string> {
    return createPublicKey(await this.#privateKey())
      .export({ type: "spki", format: "pem" })
      .toString();
  }

  async verify(alert: SignedAlert, signature: string): Promise<boolean> {
    return verify(
      null,
      Buffer.from(canonicalAlert(alert)),
      createPublicKey(await this.#privateKey()),
      Buffer.from(signature, "base64url"),
    );
  }
}
