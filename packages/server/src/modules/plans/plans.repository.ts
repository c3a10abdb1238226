import type { Kysely } from "kysely";
import { type CountAndOldest, countAndOldest, deleteBefore } from "../../db/aggregates.ts";
import type { Database, PlanSharesTable, PlansTable } from "../../db/schema.ts";

export type PlanRow = PlansTable;
export type PlanShareRow = PlanSharesTable;

/** Sealed family plans and their shares. */
export class PlansRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(row: PlanRow): Promise<void> {
    await this.#db.insertInto("plans").values(row).execute();
  }

  async findByCode(code: string): Promise<PlanRow | undefined> {
    return this.#db.selectFrom("plans").selectAll().where("code", "=", code).executeTakeFirst();
  }

  async updateEnvelope(id: string, envelope: string, now: string): Promise<void> {
    await this.#db
      .updateTable("plans")
      .set({ envelope, updated_at: now })
      .where("id", "=", id)
      .execute();
  }

  /** Deletes a plan and, in the same transaction, every share of it. */
  async delete(id: string): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom("plan_shares").where("plan_id", "=", id).execute();
      await trx.deleteFrom("plans").where("id", "=", id).execute();
    });
  }

  async insertShare(row: PlanShareRow): Promise<void> {
    await this.#db.insertInto("plan_shares").values(row).execute();
  }

  async findShare(planId: string, id: string): Promise<PlanShareRow | undefined> {
    return this.#db
      .selectFrom("plan_shares")
      .selectAll()
      .where("plan_id", "=", planId)
      .where("id", "=", id)
      .executeTakeFirst();
  }

  async shares(planId: string): Promise<PlanShareRow[]> {
    return this.#db
      .selectFrom("plan_shares")
      .selectAll()
      .where("plan_id", "=", planId)
      .orderBy("created_at")
      .execute();
  }

  async deleteShare(planId: string, id: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom("plan_shares")
      .where("plan_id", "=", planId)
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async countAndOldest(table: "plans" | "plan_shares"): Promise<CountAndOldest> {
    return countAndOldest(this.#db, table);
  }

  /** Removes shares that expired before `now`; with `dryRun`, only counts them. */
  async purgeExpiredShares(now: string, dryRun: boolean): Promise<number> {
    return deleteBefore(this.#db, "plan_shares", "expires_at", now, dryRun);
  }
}
