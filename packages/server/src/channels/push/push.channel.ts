import type { Agent } from "node:https";
import webpush from "web-push";
import {
  ChannelError,
  ContactGoneError,
  type MessageChannel,
  type OutgoingMessage,
} from "../channel.ts";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/**
 * Web push (RFC 8030/8291/8292 through web-push): the payload is encrypted for the browser's
 * keys and signed with the installation's VAPID key. A 404 or 410 means the browser dropped
 * the subscription: the contact is gone. 429 and 5xx are retryable.
 */
export class PushChannel implements MessageChannel {
  readonly name = "webpush";
  readonly #vapid: () => Promise<VapidKeys>;
  readonly #subject: string;
  readonly #ttlSeconds: number;
  readonly #agent: Agent | undefined;
  constructor(options: {
    vapid: () => Promise<VapidKeys>;
    subject: string;
    ttlSeconds: number;
    /** Trusts a local test endpoint's certificate; push services use public certificates. */
    agent?: Agent;
  }) {
    this.#vapid = options.vapid;
    this.#subject = options.subject;
    this.#ttlSeconds = options.ttlSeconds;
    this.#agent = options.agent;
  }

  async send(message: OutgoingMessage): Promise<{ providerId: string }> {
    const keys = await this.#vapid();
    const payload = JSON.stringify({
      title: message.subject ?? "Aviso",
      body: message.body,
      url: message.url ?? "/now",
    });
    try {
      const result = await webpush.sendNotification(JSON.parse(message.to), payload, {
        vapidDetails: { subject: this.#subject, ...keys },
        TTL: this.#ttlSeconds,
        urgency: "high",
        contentEncoding: "aes128gcm",
        timeout: 15_000,
        ...(this.#agent ? { agent: this.#agent } : {}),
      });
      return { providerId: result.headers.location ?? `push-${Date.now()}` };
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 || status === 410) throw new ContactGoneError(`push-${status}`);
      if (typeof status === "number")
        throw new ChannelError(`push-${status}`, status === 429 || status >= 500);
      throw new ChannelError("push-network", true);
    }
  }
}
