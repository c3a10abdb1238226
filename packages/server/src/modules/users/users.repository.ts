import type { Kysely } from "kysely";
import type { Database, StaffUsersTable } from "../../db/schema.ts";

export type StaffUserRow = StaffUsersTable;

export class UsersRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(row: StaffUserRow): Promise<void> {
    await this.#db.insertInto("staff_users").values(row).execute();
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
}
