import { randomUUID } from "node:crypto";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import type { MessageChannel, OutgoingMessage } from "../channel.ts";
import type { OutboxRepository } from "./outbox.repository.ts";

export interface OutboxMessage {
  id: string;
  channel: string;
  to: string;
  body: string;
  createdAt: string;
}

/**
 * The local outbox: the default channel when no provider is configured, for development and
 * demos. It "sends" by storing the message (encrypted, like any contact) for the console.
 */
export class OutboxChannel implements MessageChannel {
  readonly name = "outbox";
  readonly #outbox: OutboxRepository;
  readonly #crypto: FieldCrypto;
  readonly #now: () => Date;
  constructor(outbox: OutboxRepository, crypto: FieldCrypto, now: () => Date = () => new Date()) {
    this.#outbox = outbox;
    this.#crypto = crypto;
    this.#now = now;
  }

  async send(message: OutgoingMessage): Promise<{ providerId: string }> {
    const id = randomUUID();
    await this.#outbox.insert({
      id,
      channel: message.channel,
      to_enc: this.#crypto.encrypt(message.to, "outbox_messages.to"),
      body_enc: this.#crypto.encrypt(
        message.subject ? `Subject: ${message.subject}\n\n${message.body}` : message.body,
        "outbox_messages.body",
      ),
      created_at: this.#now().toISOString(),
    });
    return { providerId: `outbox-${id}` };
  }

  async inventory(): Promise<{ count: number; oldest: string | null }> {
    return this.#outbox.countAndOldest();
  }

  async purgeBefore(cutoff: string, dryRun: boolean): Promise<number> {
    return this.#outbox.purgeBefore(cutoff, dryRun);
  }

  async latest(limit = 50): Promise<OutboxMessage[]> {
    return (await this.#outbox.latest(limit)).map((row) => ({
      id: row.id,
      channel: row.channel,
      to: this.#crypto.decrypt(row.to_enc, "outbox_messages.to"),
      body: this.#crypto.decrypt(row.body_enc, "outbox_messages.body"),
      createdAt: row.created_at,
    }));
  }
}
