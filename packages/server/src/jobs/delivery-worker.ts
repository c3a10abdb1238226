import type { Logger } from "pino";
import {
  ChannelError,
  ContactGoneError,
  type MessageChannel,
  type OutgoingMessage,
} from "../channels/channel.ts";
import { TokenBucket } from "../channels/token-bucket.ts";
import type { FieldCrypto } from "../crypto/field-crypto.ts";
import type {
  AlertRow,
  AlertsRepository,
  ClaimedDelivery,
  DeliveryOutcome,
} from "../modules/alerts/alerts.repository.ts";
import { CONTACT_CONTEXT } from "../modules/subscriptions/phone.ts";

export interface DeliveryWorkerOptions {
  /** The subscribers' channel this worker serves. */
  channel: "sms" | "email" | "push";
  provider: MessageChannel;
  /** The message for one delivery, without its recipient. */
  compose: (alert: AlertRow, delivery: ClaimedDelivery) => Omit<OutgoingMessage, "to" | "channel">;
  /** The provider says the contact no longer exists (a dropped push subscription). */
  onGone?: (subscriberId: string) => Promise<void>;
  /** Messages per second the provider allows (Infinity: no limit). */
  ratePerSecond: number;
  /** Sending loops; each claims its own batches, so at most loops × batchSize are in flight. */
  loops: number;
  batchSize: number;
  /** How long a claim holds; a claim whose sender died is taken over after it. */
  leaseSeconds: number;
  maxAttempts: number;
  /** How often an idle loop looks for work (it is also woken when deliveries are queued). */
  pollMs: number;
  publicUrl: string;
  now?: () => Date;
}

/**
 * Sends queued deliveries through one provider at its rate: claims batches (nearest first;
 * PostgreSQL skips rows other senders hold), sends each, and records the outcome. A failed
 * send is retried with back-off on 429/5xx; a claim left by a dead sender returns after its
 * lease, so after a crash nothing is lost and duplicates are bounded by what was in flight.
 */
export class DeliveryWorker {
  readonly #alerts: AlertsRepository;
  readonly #crypto: FieldCrypto;
  readonly #options: DeliveryWorkerOptions;
  readonly #logger: Logger;
  readonly #bucket: TokenBucket;
  readonly #now: () => Date;
  readonly #wakers = new Set<() => void>();
  #running = false;
  #loops: Promise<void>[] = [];
  #alertCache = new Map<string, { row: AlertRow; at: number }>();
  constructor(
    alerts: AlertsRepository,
    crypto: FieldCrypto,
    options: DeliveryWorkerOptions,
    logger: Logger,
  ) {
    this.#alerts = alerts;
    this.#crypto = crypto;
    this.#options = options;
    this.#logger = logger;
    this.#bucket = new TokenBucket(options.ratePerSecond);
    this.#now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loops = Array.from({ length: this.#options.loops }, () => this.#loop());
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await Promise.all(this.#loops);
  }

  /** Deliveries were queued: idle loops look now instead of at their next poll. */
  wake(): void {
    for (const wake of this.#wakers) wake();
  }

  async #loop(): Promise<void> {
    while (this.#running) {
      let sent = 0;
      try {
        sent = await this.runOnce();
      } catch (error) {
        this.#logger.error({ err: error }, "delivery batch failed");
      }
      if (sent === 0 && this.#running) {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            this.#wakers.delete(done);
            resolve();
          };
          const timer = setTimeout(done, this.#options.pollMs);
          this.#wakers.add(done);
        });
      }
    }
  }

  /** Claims one batch, sends it and records what happened; returns how many it claimed. */
  async runOnce(): Promise<number> {
    const now = this.#now();
    const claimed = await this.#alerts.claim(
      this.#options.channel,
      this.#options.batchSize,
      now.toISOString(),
      new Date(now.getTime() + this.#options.leaseSeconds * 1000).toISOString(),
    );
    if (claimed.length === 0) {
      await this.#alerts.finishDone(now.toISOString());
      return 0;
    }
    const alerts = await this.#alertsOf(claimed);
    const contacts = await this.#alerts.contacts([...new Set(claimed.map((d) => d.subscriber_id))]);
    const outcomes: { alert_id: string; subscriber_id: string; outcome: DeliveryOutcome }[] = [];
    for (const delivery of claimed) {
      const outcome = await this.#deliver(
        delivery,
        alerts.get(delivery.alert_id),
        contacts.get(delivery.subscriber_id),
      );
      outcomes.push({
        alert_id: delivery.alert_id,
        subscriber_id: delivery.subscriber_id,
        outcome,
      });
    }
    await this.#alerts.record(outcomes, this.#now().toISOString());
    return claimed.length;
  }

  async #deliver(
    delivery: ClaimedDelivery,
    alert: AlertRow | undefined,
    subscriber: { contact_enc: string | null; status: string } | undefined,
  ): Promise<DeliveryOutcome> {
    const now = this.#now();
    if (!alert || alert.status === "cancelled" || alert.status === "rejected")
      return { kind: "cancelled", error: "alert_cancelled" };
    if (alert.expires_at <= now.toISOString()) return { kind: "cancelled", error: "expired" };
    // Opted out after the fan-out: the suppression list wins, always.
    if (subscriber?.status !== "active" || !subscriber.contact_enc)
      return { kind: "cancelled", error: "opted_out" };
    const message = this.#options.compose(alert, delivery);
    await this.#bucket.take();
    try {
      const { providerId } = await this.#options.provider.send({
        ...message,
        channel: this.#options.channel,
        to: this.#crypto.decrypt(subscriber.contact_enc, CONTACT_CONTEXT),
      });
      return { kind: "sent", providerId };
    } catch (error) {
      if (error instanceof ContactGoneError) {
        await this.#options.onGone?.(delivery.subscriber_id);
        return { kind: "failed", error: error.code };
      }
      const code = error instanceof ChannelError ? error.code : "error";
      const retryable = !(error instanceof ChannelError) || error.retryable;
      if (retryable && delivery.attempts < this.#options.maxAttempts) {
        const backoff =
          Math.min(300_000, 1000 * 2 ** (delivery.attempts - 1)) * (0.5 + Math.random() / 2);
        return { kind: "retry", at: new Date(now.getTime() + backoff).toISOString(), error: code };
      }
      return { kind: "failed", error: code };
    }
  }

  /** The alerts of a batch, re-read at most once a second (so a cancel takes effect fast). */
  async #alertsOf(claimed: ClaimedDelivery[]): Promise<Map<string, AlertRow>> {
    const ids = [...new Set(claimed.map((d) => d.alert_id))];
    const stale = ids.filter((id) => {
      const cached = this.#alertCache.get(id);
      return !cached || performance.now() - cached.at > 1000;
    });
    for (const row of await this.#alerts.findMany(stale))
      this.#alertCache.set(row.id, { row, at: performance.now() });
    return new Map(
      ids.flatMap((id) => {
        const cached = this.#alertCache.get(id);
        return cached ? [[id, cached.row] as const] : [];
      }),
    );
  }
}
