import type { Kysely } from "kysely";
import { countByStatus, type StatusCount } from "../../db/aggregates.ts";
import type { Database, SubscribersTable } from "../../db/schema.ts";

export type SubscriberRow = SubscribersTable;

/** Subscribers, their areas and the suppression list. */
export class SubscriptionsRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async findByContact(channel: string, contactIndex: string): Promise<SubscriberRow | undefined> {
    return this.#db
      .selectFrom("subscribers")
      .selectAll()
      .where("channel", "=", channel)
      .where("contact_index", "=", contactIndex)
      .executeTakeFirst();
  }

  /** Creates or renews a pending subscription with exactly these areas, in one transaction. */
  async savePending(row: SubscriberRow, areaIds: string[]): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom("subscribers")
        .select("id")
        .where("id", "=", row.id)
        .executeTakeFirst();
      if (existing) {
        await trx
          .updateTable("subscribers")
          .set({
            language: row.language,
            status: row.status,
            contact_enc: row.contact_enc,
            confirm_code_hash: row.confirm_code_hash,
            confirm_expires_at: row.confirm_expires_at,
            confirm_attempts: 0,
          })
          .where("id", "=", row.id)
          .execute();
        await trx.deleteFrom("subscriber_areas").where("subscriber_id", "=", row.id).execute();
      } else {
        await trx.insertInto("subscribers").values(row).execute();
      }
      if (areaIds.length > 0) {
        await trx
          .insertInto("subscriber_areas")
          .values(areaIds.map((area_id) => ({ subscriber_id: row.id, area_id })))
          .execute();
      }
    });
  }

  async activate(id: string, now: string): Promise<void> {
    await this.#db
      .updateTable("subscribers")
      .set({
        status: "active",
        confirmed_at: now,
        confirm_code_hash: null,
        confirm_expires_at: null,
      })
      .where("id", "=", id)
      .execute();
  }

  async findById(id: string): Promise<SubscriberRow | undefined> {
    return this.#db.selectFrom("subscribers").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async countAttempt(id: string): Promise<void> {
    await this.#db
      .updateTable("subscribers")
      .set((eb) => ({ confirm_attempts: eb("confirm_attempts", "+", 1) }))
      .where("id", "=", id)
      .execute();
  }

  async recordSend(contactIndex: string, now: string): Promise<void> {
    await this.#db
      .insertInto("confirmation_sends")
      .values({ contact_index: contactIndex, sent_at: now })
      .execute();
  }

  async countSends(since: string, contactIndex?: string): Promise<number> {
    let query = this.#db
      .selectFrom("confirmation_sends")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("sent_at", ">", since);
    if (contactIndex) query = query.where("contact_index", "=", contactIndex);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  async areaIds(subscriberId: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom("subscriber_areas")
      .select("area_id")
      .where("subscriber_id", "=", subscriberId)
      .execute();
    return rows.map((row) => row.area_id);
  }

  /**
   * Opts a contact out everywhere at once: the subscription stops, its contact is erased, and
   * only a blind index stays, on the suppression list. Returns whether a subscription existed.
   */
  async stop(channel: string, contactIndex: string, now: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable("subscribers")
        .set({ status: "stopped", contact_enc: null, contact_index: null, stopped_at: now })
        .where("channel", "=", channel)
        .where("contact_index", "=", contactIndex)
        .executeTakeFirst();
      await trx
        .insertInto("suppressions")
        .values({ channel, contact_index: contactIndex, created_at: now })
        .onConflict((oc) => oc.columns(["channel", "contact_index"]).doNothing())
        .execute();
      return Number(result.numUpdatedRows) > 0;
    });
  }

  /** Ends a subscription whose contact no longer exists, erasing it (nothing to suppress). */
  async forget(id: string, now: string): Promise<void> {
    await this.#db
      .updateTable("subscribers")
      .set({ status: "stopped", contact_enc: null, contact_index: null, stopped_at: now })
      .where("id", "=", id)
      .execute();
  }

  async isSuppressed(channel: string, contactIndex: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom("suppressions")
      .select("contact_index")
      .where("channel", "=", channel)
      .where("contact_index", "=", contactIndex)
      .executeTakeFirst();
    return row !== undefined;
  }

  async countByStatus(): Promise<StatusCount[]> {
    return countByStatus(this.#db, "subscribers");
  }

  async countSuppressions(): Promise<{ count: number; oldest: string | null }> {
    const row = await this.#db
      .selectFrom("suppressions")
      .select((eb) => [
        eb.fn.countAll<number | string>().as("n"),
        eb.fn.min("created_at").as("oldest"),
      ])
      .executeTakeFirstOrThrow();
    return { count: Number(row.n), oldest: (row.oldest as string | null) ?? null };
  }

  /** Deletes (or with `dryRun` counts) subscriptions never confirmed since before `cutoff`. */
  async purgeUnconfirmed(cutoff: string, dryRun: boolean): Promise<number> {
    if (dryRun) {
      const row = await this.#db
        .selectFrom("subscribers")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .where("status", "=", "pending")
        .where("created_at", "<", cutoff)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }
    const result = await this.#db
      .deleteFrom("subscribers")
      .where("status", "=", "pending")
      .where("created_at", "<", cutoff)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async unsuppress(channel: string, contactIndex: string): Promise<void> {
    await this.#db
      .deleteFrom("suppressions")
      .where("channel", "=", channel)
      .where("contact_index", "=", contactIndex)
      .execute();
  }
}
