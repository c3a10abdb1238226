import { randomBytes } from "node:crypto";
import sodium from "libsodium-wrappers-sumo";

const KDF_CONTEXT = "avisofld"; // exactly crypto_kdf_CONTEXTBYTES (8) characters
const ENCRYPTION_SUBKEY = 1;
const BLIND_INDEX_SUBKEY = 2;
const MAC_SUBKEY = 3;
const FORMAT = "v1";

interface Keys {
  id: string;
  encryption: Uint8Array;
  blindIndex: Uint8Array;
  mac: Uint8Array;
}

function deriveKeys(master: Uint8Array): Keys {
  if (master.length !== sodium.crypto_kdf_KEYBYTES) {
    throw new Error(`a master key must be ${sodium.crypto_kdf_KEYBYTES} bytes`);
  }
  const id = sodium.to_hex(sodium.crypto_generichash(4, master, "aviso key id"));
  return {
    id,
    encryption: sodium.crypto_kdf_derive_from_key(32, ENCRYPTION_SUBKEY, KDF_CONTEXT, master),
    blindIndex: sodium.crypto_kdf_derive_from_key(32, BLIND_INDEX_SUBKEY, KDF_CONTEXT, master),
    mac: sodium.crypto_kdf_derive_from_key(32, MAC_SUBKEY, KDF_CONTEXT, master),
  };
}

/** Opens a value sealed by {@link FieldCrypto.encrypt} with the encryption key of its key id. */
function openSealed(
  value: string,
  context: string,
  keyFor: (id: string) => Uint8Array | undefined,
): string {
  const [format, keyId, encoded] = value.split(":");
  if (format !== FORMAT || !keyId || !encoded) throw new Error("not an encrypted field value");
  const key = keyFor(keyId);
  if (!key) throw new Error(`field was encrypted with key ${keyId}, which is not configured`);
  // Node's own base64 and UTF-8, and the context's bytes made once: a sender opens every
  // recipient's contact, and libsodium's wrappers for these doubled the cost of each.
  const data = Buffer.from(encoded, "base64url");
  const nonceBytes = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  const plaintext = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
    null,
    data.subarray(nonceBytes),
    contextBytes(context),
    data.subarray(0, nonceBytes),
    key,
  );
  return Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength).toString("utf8");
}

/** Opens sealed values with keys from {@link FieldCrypto.openingKeys}, in another thread. */
export async function sealedOpener(
  keys: { id: string; key: Uint8Array }[],
): Promise<(value: string, context: string) => string> {
  await sodium.ready;
  const byId = new Map(keys.map(({ id, key }) => [id, key]));
  return (value, context) => openSealed(value, context, (id) => byId.get(id));
}

const contexts = new Map<string, Uint8Array>();
/** A context's bytes (additional data), encoded once: there are a handful of contexts. */
function contextBytes(context: string): Uint8Array {
  let bytes = contexts.get(context);
  if (!bytes) {
    bytes = new TextEncoder().encode(context);
    contexts.set(context, bytes);
  }
  return bytes;
}

/**
 * Encryption of personal fields at rest: XChaCha20-Poly1305 per value with a random nonce,
 * bound to its context (`table.column`) as associated data so a ciphertext cannot be moved to
 * another column. Each value carries the id of the key that sealed it (`v1:<keyId>:<data>`),
 * so older keys can still open values while `aviso keys rotate` re-encrypts them.
 *
 * Blind indexes (keyed BLAKE2b) let the database find a value (a phone number for STOP, an
 * email at sign-in) without holding it. Callers normalise the value first (E.164, lower case).
 * Blind indexes and MACs use the installation's first key (the oldest in the ring), so they stay
 * valid while `aviso keys rotate` moves field ciphertext to a new key.
 */
export class FieldCrypto {
  readonly #current: Keys;
  readonly #stable: Keys;
  readonly #byId: Map<string, Keys>;

  private constructor(current: Keys, older: Keys[]) {
    this.#current = current;
    this.#stable = older.at(-1) ?? current;
    this.#byId = new Map([current, ...older].map((keys) => [keys.id, keys]));
  }

  /** Builds the keyring from the current master key and older ones, newest first. */
  static async create(master: Uint8Array, older: Uint8Array[] = []): Promise<FieldCrypto> {
    await sodium.ready;
    return new FieldCrypto(deriveKeys(master), older.map(deriveKeys));
  }

  get keyId(): string {
    return this.#current.id;
  }

  encrypt(plaintext: string, context: string): string {
    // node:crypto's generator: libsodium's wasm build draws randomness 4 bytes at a time and
    // made nonces the costliest step of taking a report.
    const nonce = randomBytes(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
      plaintext,
      context,
      null,
      nonce,
      this.#current.encryption,
    );
    const data = new Uint8Array(nonce.length + sealed.length);
    data.set(nonce);
    data.set(sealed, nonce.length);
    return `${FORMAT}:${this.#current.id}:${sodium.to_base64(data)}`;
  }

  /** Opens a value sealed by {@link encrypt} for the same context; throws if it was altered. */
  decrypt(value: string, context: string): string {
    return openSealed(value, context, (id) => this.#byId.get(id)?.encryption);
  }

  /**
   * The encryption keys by id, for a thread of this process that opens sealed values with
   * {@link sealedOpener} (the deliveries store opens recipients' contacts off the main thread).
   * They never leave the process; blind-index and MAC keys are not among them.
   */
  openingKeys(): { id: string; key: Uint8Array }[] {
    return [...this.#byId].map(([id, keys]) => ({ id, key: keys.encryption }));
  }

  /** The key id a stored value was sealed with, to find values that still need rotating. */
  static keyIdOf(value: string): string | undefined {
    return value.split(":")[1];
  }

  blindIndex(normalised: string, context: string): string {
    return sodium.to_base64(
      sodium.crypto_generichash(32, `${context}\u0000${normalised}`, this.#stable.blindIndex),
    );
  }

  /** A keyed MAC (BLAKE2b) over data: someone with the database but not the key cannot forge it. */
  mac(data: string, context: string): string {
    return sodium.to_hex(
      sodium.crypto_generichash(32, `${context}\u0000${data}`, this.#stable.mac),
    );
  }
}
