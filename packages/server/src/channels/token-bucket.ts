/**
 * A provider's rate: tokens refill at `perSecond` up to `burst`; `take()` waits for one. One
 * bucket per channel per process, shared by all of that channel's concurrent sends.
 */
export class TokenBucket {
  readonly #perSecond: number;
  readonly #burst: number;
  #tokens: number;
  #last: number;
  #queue: Promise<void> = Promise.resolve();
  constructor(perSecond: number, burst = Math.max(1, Math.ceil(perSecond / 10))) {
    this.#perSecond = perSecond;
    this.#burst = burst;
    this.#tokens = burst;
    this.#last = performance.now();
  }

  /** Resolves when a token is free; callers are served in order. */
  take(): Promise<void> {
    if (!Number.isFinite(this.#perSecond)) return Promise.resolve();
    const turn = this.#queue.then(() => this.#wait());
    this.#queue = turn;
    return turn;
  }

  async #wait(): Promise<void> {
    for (;;) {
      const now = performance.now();
      this.#tokens = Math.min(
        this.#burst,
        this.#tokens + ((now - this.#last) / 1000) * this.#perSecond,
      );
      this.#last = now;
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      const ms = ((1 - this.#tokens) / this.#perSecond) * 1000;
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, ms)));
    }
  }
}
