import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import { AppError } from "../../errors.ts";
import type { InstanceRepository } from "./instance.repository.ts";

const KEY_CHECK = "key_check";
const KEY_CHECK_CONTEXT = "meta.key_check";
const KEY_CHECK_TEXT = "aviso";

/**
 * Guards against starting with the wrong master key (a restored backup with a fresh data dir,
 * say): the first start seals a known value; every later start must be able to open it.
 */
export class InstanceService {
  readonly #meta: InstanceRepository;
  readonly #crypto: FieldCrypto;
  constructor(meta: InstanceRepository, crypto: FieldCrypto) {
    this.#meta = meta;
    this.#crypto = crypto;
  }

  async checkMasterKey(): Promise<"created" | "matches"> {
    const sealed = await this.#meta.get(KEY_CHECK);
    if (sealed === undefined) {
      await this.#meta.insert(KEY_CHECK, this.#crypto.encrypt(KEY_CHECK_TEXT, KEY_CHECK_CONTEXT));
      return "created";
    }
    try {
      if (this.#crypto.decrypt(sealed, KEY_CHECK_CONTEXT) === KEY_CHECK_TEXT) return "matches";
    } catch {
      // falls through to the error below
    }
    throw new AppError(
      "unavailable",
      "MASTER_KEY_MISMATCH",
      "The master key does not open this database's encrypted fields. Use the master.key from the data dir this database came from (or set AVISO_MASTER_KEY to it).",
    );
  }
}
