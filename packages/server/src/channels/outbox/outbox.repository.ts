import type { Kysely } from "kysely";
import { type CountAndOldest, countAndOldest, deleteBefore } from "../../db/aggregates.ts";
import type { Database, OutboxMessagesTable } from "../../db/schema.ts";

export class OutboxRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(row: OutboxMessagesTable): Promise<void> {
    await this.#db.insertInto("outbox_messages").values(row).execute();
  }

  async countAndOldest(): Promise<CountAndOldest> {
    return countAndOldest(this.#db, "outbox_messages");
  }

  /** Deletes (or with `dryRun` counts) messages created before `cutoff`. */
  async purgeBefore(cutoff: string, dryRun: boolean): Promise<number> {
    return deleteBefore(this.#db, "outbox_messages", "created_at", cutoff, dryRun);
  }

  async latest(limit: number): Promise<OutboxMessagesTable[]> {
    return this.#db
      .selectFrom("outbox_messages")
      .selectAll()
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(limit)
      .execute();
  }
}
