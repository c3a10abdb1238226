import type { Kysely } from "kysely";
import { type CountAndOldest, countAndOldest, deleteBefore } from "../../db/aggregates.ts";
import type { Database, PhotosTable, Tx } from "../../db/schema.ts";

export type PhotoRow = PhotosTable;
export type PhotoOwner = "report" | "dispatch";

/** Photos as stored: sealed JPEG bytes and who they belong to. */
export class PhotosRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insert(row: PhotoRow, within?: Tx): Promise<void> {
    await (within ?? this.#db).insertInto("photos").values(row).execute();
  }

  async findById(id: string): Promise<PhotoRow | undefined> {
    return this.#db.selectFrom("photos").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async idsFor(owner: PhotoOwner, ownerIds: string[]): Promise<{ id: string; owner_id: string }[]> {
    if (ownerIds.length === 0) return [];
    return this.#db
      .selectFrom("photos")
      .select(["id", "owner_id"])
      .where("owner_type", "=", owner)
      .where("owner_id", "in", ownerIds)
      .orderBy("created_at")
      .execute();
  }

  async deleteFor(owner: PhotoOwner, ownerId: string): Promise<number> {
    const result = await this.#db
      .deleteFrom("photos")
      .where("owner_type", "=", owner)
      .where("owner_id", "=", ownerId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async inventory(): Promise<CountAndOldest> {
    return countAndOldest(this.#db, "photos");
  }

  async deleteBefore(cutoff: string, dryRun: boolean): Promise<number> {
    return deleteBefore(this.#db, "photos", "created_at", cutoff, dryRun);
  }
}
