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
  ClaimedDelivery,
  DeliveryOutcome,
} from "../modules/alerts/alerts.repository.ts";
import type { DeliveryStore } from "../modules/alerts/delivery-store.ts";
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
  /**
   * Sending loops. Each sends one batch while it claims the next and records the one before,
   * so at most 2 × loops × batchSize are sent and not yet recorded (what a crash can repeat).
   * The loops share how many messages are in flight (see {@link inFlightFor}).
   */
  loops: number;
  /** The most a claim takes; less when the rate could not send two batches within the lease. */
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
 * The most messages a channel's loops keep in flight together. Providers cap concurrent
 * requests (Twilio answers 429 above about 100 an account), and the rest of the installation
 * sends too.
 */
const MAX_IN_FLIGHT = 64;
/** The provider's answer time a channel's messages in flight are sized for (a real API: tenths of a second). */
const ROUND_TRIP_SECONDS = 0.5;

/**
 * How many messages a channel's loops keep in flight together: enough for the rate at a
 * provider answering in half a second, at most {@link MAX_IN_FLIGHT}, at least one per loop.
 * One message at a time per loop capped four loops at 4 ÷ round trip, 20 msg/s against a
 * provider answering in 0.2 s, and a small alert (one loop's batch) at a quarter of that,
 * whatever rate was configured (and shown in the composer's estimate). The token bucket still
 * paces every send; more in flight only keeps up with it.
 */
function inFlightFor(ratePerSecond: number, loops: number): number {
  return Math.max(loops, Math.ceil(Math.min(MAX_IN_FLIGHT, ratePerSecond * ROUND_TRIP_SECONDS)));
}

/** A count of free places, taken and given back; takers wait in order for one. */
class Slots {
  #free: number;
  readonly #waiting: (() => void)[] = [];
  constructor(count: number) {
    this.#free = count;
  }

  take(): Promise<void> | undefined {
    if (this.#free > 0) {
      this.#free--;
      return undefined;
    }
    return new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  give(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}

/**
 * Sends queued deliveries through one provider at its rate: claims batches (nearest first;
 * PostgreSQL skips rows other senders hold), sends each, and records the outcome. A failed
 * send is retried with back-off on 429/5xx; a claim left by a dead sender returns after its
 * lease, so after a crash nothing is lost and duplicates are bounded by what was in flight.
 */
export class DeliveryWorker {
  readonly #alerts: DeliveryStore;
  readonly #crypto: FieldCrypto;
  readonly #options: DeliveryWorkerOptions;
  readonly #logger: Logger;
  readonly #bucket: TokenBucket;
  readonly #now: () => Date;
  readonly #batchSize: number;
  /** Places for messages in flight, shared by every loop. */
  readonly #slots: Slots;
  readonly #concurrency: number;
  readonly #wakers = new Set<() => void>();
  /** Counts wake-ups, so a loop that was busy when one came does not then sleep through it. */
  #wakes = 0;
  #running = false;
  #loops: Promise<void>[] = [];
  #alertCache = new Map<string, { row: AlertRow; at: number }>();
  /**
   * When a claim next looks for lapsed leases (a dead sender's claims): the first claim does,
   * then one every quarter lease, so a dead sender's deliveries wait at most 1¼ leases.
   */
  #lapsedDue = Number.NEGATIVE_INFINITY;
  /**
   * Whether an idle loop should ask for alerts to finish: at start, and after a wake-up. A loop
   * also asks after it has recorded a batch. Not at every poll: every channel's idle loops poll,
   * and at a million deliveries the question reads for a tenth of a second or more.
   */
  #finishDue = true;
  constructor(
    alerts: DeliveryStore,
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
    // A loop holds up to two batches; at the channel's rate, shared by every loop, both must
    // go out well within the lease, or another sender would take them over and send them again.
    const fit = Math.floor((options.ratePerSecond * options.leaseSeconds) / (4 * options.loops));
    this.#batchSize = Math.max(1, Math.min(options.batchSize, fit));
    this.#concurrency = inFlightFor(options.ratePerSecond, options.loops);
    this.#slots = new Slots(this.#concurrency);
  }

  /** The most messages this worker has in flight at once (every loop's together). */
  get concurrency(): number {
    return this.#concurrency;
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
    this.#wakes++;
    this.#finishDue = true;
    for (const wake of this.#wakers) wake();
  }

  /**
   * One sending loop: while a batch goes out, the next is claimed and the one before is
   * recorded, so the loop never stands still waiting for the database (the deliveries store
   * answers from its own thread).
   */
  async #loop(): Promise<void> {
    let next: Promise<ClaimedDelivery[]> | undefined;
    let recording: Promise<void> = Promise.resolve();
    let recorded = false; // since this loop last asked for alerts to finish
    while (this.#running) {
      const wakes = this.#wakes;
      let claimed: ClaimedDelivery[] = [];
      try {
        const claiming = next ?? this.#claim();
        next = undefined; // a failed claim is not awaited twice
        claimed = await claiming;
        if (claimed.length > 0) {
          if (this.#running) next = this.#claim();
          const outcomes = await this.#send(claimed);
          await recording;
          recording = this.#alerts.record(outcomes, this.#now().toISOString()).catch((error) => {
            this.#logger.error({ err: error }, "recording a delivery batch failed");
          });
          recorded = true;
        } else if (recorded || this.#finishDue) {
          // Cleared before asking: a wake-up that comes meanwhile asks again.
          recorded = false;
          this.#finishDue = false;
          await recording;
          await this.#alerts.finishDone(this.#now().toISOString()).catch((error: unknown) => {
            this.#finishDue = true; // asked again at the next poll
            throw error;
          });
        }
      } catch (error) {
        this.#logger.error({ err: error }, "delivery batch failed");
      }
      if (claimed.length === 0 && this.#running && wakes === this.#wakes) await this.#idle();
    }
    // Stopping: a batch claimed ahead and never sent goes back to the queue at once.
    const unsent = await next?.catch(() => []);
    if (unsent?.length) await this.#alerts.release(unsent, this.#now().toISOString());
    await recording;
  }

  /** Waits for the next poll, or until deliveries are queued. */
  #idle(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.#options.pollMs);
      this.#wakers.add(done);
    });
  }

  /** Claims one batch, sends it and records what happened; returns how many it claimed. */
  async runOnce(): Promise<number> {
    const claimed = await this.#claim();
    if (claimed.length === 0) {
      await this.#alerts.finishDone(this.#now().toISOString());
      return 0;
    }
    await this.#alerts.record(await this.#send(claimed), this.#now().toISOString());
    return claimed.length;
  }

  #claim(): Promise<ClaimedDelivery[]> {
    const now = this.#now();
    const lease = this.#options.leaseSeconds * 1000;
    const lapsed = now.getTime() >= this.#lapsedDue;
    if (lapsed) this.#lapsedDue = now.getTime() + lease / 4;
    return this.#alerts.claim(
      this.#options.channel,
      this.#batchSize,
      now.toISOString(),
      new Date(now.getTime() + lease).toISOString(),
      lapsed,
    );
  }

  /**
   * Sends a claimed batch, started nearest first, each as soon as the worker has a place in
   * flight for it, and tells what happened to each (in the batch's order). If one throws, none
   * is started after that is known, and the batch fails as a whole once those in flight end:
   * its lease returns it to the queue, and what it repeats is at most what was in flight.
   */
  async #send(
    claimed: ClaimedDelivery[],
  ): Promise<{ alert_id: string; subscriber_id: string; outcome: DeliveryOutcome }[]> {
    const alerts = await this.#alertsOf(claimed);
    const outcomes: { alert_id: string; subscriber_id: string; outcome: DeliveryOutcome }[] = [];
    let failure: { error: unknown } | undefined;
    const sending: Promise<void>[] = [];
    for (const [i, delivery] of claimed.entries()) {
      const wait = this.#slots.take();
      if (wait) await wait;
      if (failure) {
        this.#slots.give();
        break;
      }
      sending.push(
        this.#deliver(delivery, alerts.get(delivery.alert_id))
          .then(
            (outcome) => {
              outcomes[i] = {
                alert_id: delivery.alert_id,
                subscriber_id: delivery.subscriber_id,
                outcome,
              };
            },
            (error: unknown) => {
              failure ??= { error };
            },
          )
          .finally(() => this.#slots.give()),
      );
    }
    await Promise.all(sending);
    if (failure) throw failure.error;
    return outcomes;
  }

  async #deliver(delivery: ClaimedDelivery, alert: AlertRow | undefined): Promise<DeliveryOutcome> {
    const now = this.#now();
    if (!alert || alert.status === "cancelled" || alert.status === "rejected")
      return { kind: "cancelled", error: "alert_cancelled" };
    if (alert.expires_at <= now.toISOString()) return { kind: "cancelled", error: "expired" };
    // Opted out after the fan-out: the suppression list wins, always.
    const sealed = delivery.contact_enc;
    if (delivery.subscriber_status !== "active" || (!sealed && delivery.contact === undefined))
      return { kind: "cancelled", error: "opted_out" };
    const message = this.#options.compose(alert, delivery);
    await this.#bucket.take();
    try {
      const { providerId } = await this.#options.provider.send({
        ...message,
        channel: this.#options.channel,
        to: delivery.contact ?? this.#crypto.decrypt(sealed ?? "", CONTACT_CONTEXT),
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
