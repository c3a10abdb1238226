import type { Kysely } from "kysely";
import { countByStatus, type StatusCount } from "../../db/aggregates.ts";
import type { Database, StaffUsersTable } from "../../db/schema.ts";

export type StaffUserRow = StaffUsersTable;

/** Staff accounts and their recovery codes. */
export class UsersRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(row: StaffUserRow): Promise<void> {
    await this.#db.insertInto("staff_users").values(row).execute();
  }

  async findById(id: string): Promise<StaffUserRow | undefined> {
    return this.#db.selectFrom("staff_users").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async findByEmailIndex(emailIndex: string): Promise<StaffUserRow | undefined> {
    return this.#db
      .selectFrom("staff_users")
      .selectAll()
      .where("email_index", "=", emailIndex)
      .executeTakeFirst();
  }

  async list(): Promise<StaffUserRow[]> {
    return this.#db
      .selectFrom("staff_users")
      .selectAll()
      .orderBy("created_at")
      .orderBy("id")
      .execute();
  }

  async update(
    id: string,
    changes: Partial<Omit<StaffUserRow, "id" | "email_index" | "created_at">>,
  ): Promise<void> {
    await this.#db.updateTable("staff_users").set(changes).where("id", "=", id).execute();
  }

  /**
   * Records a TOTP step as used, only if it is later than the last one: one statement, so two
   * requests racing with the same code cannot both win. Returns whether this call won.
   */
  async acceptTotpStep(id: string, step: number): Promise<boolean> {
    const result = await this.#db
      .updateTable("staff_users")
      .set({ totp_last_step: step })
      .where("id", "=", id)
      .where("totp_last_step", "<", step)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async replaceRecoveryCodes(userId: string, hashes: string[]): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom("staff_recovery_codes").where("user_id", "=", userId).execute();
      await trx
        .insertInto("staff_recovery_codes")
        .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null })))
        .execute();
    });
  }

  /** Marks an unused recovery code used; returns false if there was none to use. */
  async useRecoveryCode(userId: string, hash: string, now: string): Promise<boolean> {
    const result = await this.#db
      .updateTable("staff_recovery_codes")
      .set({ used_at: now })
      .where("user_id", "=", userId)
      .where("code_hash", "=", hash)
      .where("used_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async countByStatus(): Promise<StatusCount[]> {
    return countByStatus(this.#db, "staff_users");
  }
}
