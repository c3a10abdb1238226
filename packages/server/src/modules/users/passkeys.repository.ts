import type { Kysely } from "kysely";
import type { Database, StaffPasskeysTable } from "../../db/schema.ts";

export type PasskeyRow = StaffPasskeysTable;

export class PasskeysRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(row: PasskeyRow): Promise<void> {
    await this.#db.insertInto("staff_passkeys").values(row).execute();
  }

  async find(id: string): Promise<PasskeyRow | undefined> {
    return this.#db
      .selectFrom("staff_passkeys")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
  }

  async listForUser(userId: string): Promise<PasskeyRow[]> {
    return this.#db
      .selectFrom("staff_passkeys")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("created_at")
      .execute();
  }

  async recordUse(id: string, counter: number, now: string): Promise<void> {
    await this.#db
      .updateTable("staff_passkeys")
      .set({ counter, last_used_at: now })
      .where("id", "=", id)
      .execute();
  }

  async remove(userId: string, id: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom("staff_passkeys")
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async insertChallenge(
    challenge: string,
    purpose: string,
    userId: string | null,
    expiresAt: string,
  ): Promise<void> {
    await this.#db
      .insertInto("webauthn_challenges")
      .values({ challenge, purpose, user_id: userId, expires_at: expiresAt })
      .execute();
  }

  /** Uses up a challenge: true only for the one caller that deletes it while still valid. */
  async takeChallenge(
    challenge: string,
    purpose: string,
    userId: string | null,
    now: string,
  ): Promise<boolean> {
    let query = this.#db
      .deleteFrom("webauthn_challenges")
      .where("challenge", "=", challenge)
      .where("purpose", "=", purpose)
      .where("expires_at", ">", now);
    query =
      userId === null ? query.where("user_id", "is", null) : query.where("user_id", "=", userId);
    const result = await query.executeTakeFirst();
    await this.#db.deleteFrom("webauthn_challenges").where("expires_at", "<=", now).execute();
    return Number(result.numDeletedRows) === 1;
  }
}
