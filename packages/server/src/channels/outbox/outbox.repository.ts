import type { Kysely } from "kysely";
import type { Database, OutboxMessagesTable } from "../../db/schema.ts";

export class OutboxRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(row: OutboxMessagesTable): Promise<void> {
    await this.#db.insertInto("outbox_messages").values(row).execute();
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
