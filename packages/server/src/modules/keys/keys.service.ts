import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import type { Actor, AuditService } from "../audit/audit.service.ts";
import { ENCRYPTED_COLUMNS } from "./encrypted-columns.ts";
import type { KeysRepository } from "./keys.repository.ts";

const BATCH = 200;

/**
 * Re-encrypts every stored field value with the current master key, a batch per transaction.
 * It only ever moves values that are not yet on the current key, so after a crash running it
 * again simply carries on where it stopped.
 */
export class KeysService {
  readonly #keys: KeysRepository;
  readonly #crypto: FieldCrypto;
  readonly #audit: AuditService;
  constructor(keys: KeysRepository, crypto: FieldCrypto, audit: AuditService) {
    this.#keys = keys;
    this.#crypto = crypto;
    this.#audit = audit;
  }

  /** Values still sealed with an older key, across every encrypted column. */
  async countStale(): Promise<number> {
    let total = 0;
    for (const target of ENCRYPTED_COLUMNS)
      total += await this.#keys.countStale(target, this.#prefix());
    return total;
  }

  async rotate(
    actor: Actor,
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ rotated: number }> {
    const total = await this.countStale();
    let done = 0;
    onProgress?.(0, total);
    for (const target of ENCRYPTED_COLUMNS) {
      for (;;) {
        const changed = await this.#keys.rotateBatch(target, this.#prefix(), BATCH, (value) =>
          this.#crypto.encrypt(this.#crypto.decrypt(value, target.context), target.context),
        );
        if (changed === 0) break;
        done += changed;
        onProgress?.(Math.min(done, total), total);
      }
    }
    await this.#audit.record({
      actor,
      action: "keys.rotated",
      details: { keyId: this.#crypto.keyId, values: done },
    });
    return { rotated: done };
  }

  #prefix(): string {
    return `v1:${this.#crypto.keyId}:`;
  }
}
