import type { SubscriptionsRepository } from "./subscriptions.repository.ts";

/** What the rest of Aviso may ask about subscriptions: counts for the inventory, and purging. */
export class SubscriptionsService {
  readonly #subscriptions: SubscriptionsRepository;
  constructor(subscriptions: SubscriptionsRepository) {
    this.#subscriptions = subscriptions;
  }

  async inventory() {
    return {
      byStatus: await this.#subscriptions.countByStatus(),
      suppressions: await this.#subscriptions.countSuppressions(),
    };
  }

  /** A contact the provider says is gone (a dropped push subscription): erased, not suppressed. */
  async forget(subscriberId: string): Promise<void> {
    await this.#subscriptions.forget(subscriberId, new Date().toISOString());
  }

  /** Subscriptions never confirmed are deleted after `days` (the number was never proven). */
  async purgeUnconfirmed(cutoff: string, dryRun: boolean): Promise<number> {
    return this.#subscriptions.purgeUnconfirmed(cutoff, dryRun);
  }
}
