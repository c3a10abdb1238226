/**
 * Group commit: items added while a write is running are written together by the next one,
 * in one transaction. Under load many reports share one commit; alone, a report waits one
 * turn of the event loop. Each caller learns its own result, or the batch's error.
 */
export class WriteBatch<T, R> {
  readonly #write: (items: T[]) => Promise<R[]>;
  readonly #max: number;
  #pending: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  #isRunning = false;
  constructor(write: (items: T[]) => Promise<R[]>, max = 100) {
    this.#write = write;
    this.#max = max;
  }

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#pending.push({ item, resolve, reject });
      if (!this.#isRunning) {
        this.#isRunning = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, this.#max);
      try {
        const results = await this.#write(batch.map((entry) => entry.item));
        for (const [i, entry] of batch.entries()) entry.resolve(results[i] as R);
      } catch (error) {
        if (batch.length === 1) {
          batch[0]?.reject(error);
          continue;
        }
        // One bad item must not refuse the others: each is written on its own.
        for (const entry of batch) {
          try {
            const [result] = await this.#write([entry.item]);
            entry.resolve(result as R);
          } catch (alone) {
            entry.reject(alone);
          }
        }
      }
    }
    this.#isRunning = false;
  }
}
