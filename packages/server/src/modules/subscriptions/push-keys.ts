import webpush from "web-push";
import type { VapidKeys } from "../../channels/push/push.channel.ts";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import type { InstanceRepository } from "../instance/instance.repository.ts";

const PUBLIC = "vapid_public_key";
const PRIVATE = "vapid_private_key";
/** The encryption context of the VAPID private key in `meta` (listed in encrypted-columns.ts). */
export const VAPID_KEY_CONTEXT = "meta.vapid_private_key";

/**
 * The installation's VAPID key pair for web push: made on first start, the private half
 * sealed in `meta` under the master key. Browsers subscribe with the public half.
 */
export class PushKeys {
  readonly #meta: InstanceRepository;
  readonly #crypto: FieldCrypto;
  #keys: Promise<VapidKeys> | undefined;
  constructor(meta: InstanceRepository, crypto: FieldCrypto) {
    this.#meta = meta;
    this.#crypto = crypto;
  }

  get(): Promise<VapidKeys> {
    this.#keys ??= this.#load().catch((error: unknown) => {
      this.#keys = undefined;
      throw error;
    });
    return this.#keys;
  }

  async #load(): Promise<VapidKeys> {
    if ((await this.#meta.get(PUBLIC)) === undefined) {
      const made = webpush.generateVAPIDKeys();
      // Both halves or neither; a concurrent first start keeps whichever pair landed first.
      await this.#meta.insert(PRIVATE, this.#crypto.encrypt(made.privateKey, VAPID_KEY_CONTEXT));
      const privateNow = await this.#meta.get(PRIVATE);
      if (privateNow && this.#crypto.decrypt(privateNow, VAPID_KEY_CONTEXT) === made.privateKey)
        await this.#meta.insert(PUBLIC, made.publicKey);
    }
    const publicKey = await this.#meta.get(PUBLIC);
    const sealed = await this.#meta.get(PRIVATE);
    if (!publicKey || !sealed) throw new Error("VAPID keys are being created; try again");
    return { publicKey, privateKey: this.#crypto.decrypt(sealed, VAPID_KEY_CONTEXT) };
  }
}
