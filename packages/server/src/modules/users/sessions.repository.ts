import type { Kysely } from "kysely";
import { type CountAndOldest, countAndOldest } from "../../db/aggregates.ts";
import type { Database, StaffInvitationsTable, StaffSessionsTable } from "../../db/schema.ts";

export type SessionRow = StaffSessionsTable;
export type InvitationRow = StaffInvitationsTable;

/** Staff sessions and invitation links: the two kinds of bearer token, kept only as hashes. */
export class SessionsRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async insertSession(row: SessionRow): Promise<void> {
    await this.#db.insertInto("staff_sessions").values(row).execute();
  }

  async findSessionByTokenHash(tokenHash: string): Promise<SessionRow | undefined> {
    return this.#db
      .selectFrom("staff_sessions")
      .selectAll()
      .where("token_hash", "=", tokenHash)
      .executeTakeFirst();
  }

  async touchSession(id: string, now: string): Promise<void> {
    await this.#db
      .updateTable("staff_sessions")
      .set({ last_seen_at: now })
      .where("id", "=", id)
      .execute();
  }

  /** Revokes sessions of a user (all, or one by id); returns how many were still live. */
  async revokeSessions(userId: string, now: string, sessionId?: string): Promise<number> {
    let query = this.#db
      .updateTable("staff_sessions")
      .set({ revoked_at: now })
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null);
    if (sessionId) query = query.where("id", "=", sessionId);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async listSessions(userId: string, now: string): Promise<SessionRow[]> {
    return this.#db
      .selectFrom("staff_sessions")
      .selectAll()
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", now)
      .orderBy("last_seen_at", "desc")
      .execute();
  }

  async insertInvitation(row: InvitationRow): Promise<void> {
    await this.#db.insertInto("staff_invitations").values(row).execute();
  }

  async findInvitationByTokenHash(tokenHash: string): Promise<InvitationRow | undefined> {
    return this.#db
      .selectFrom("staff_invitations")
      .selectAll()
      .where("token_hash", "=", tokenHash)
      .executeTakeFirst();
  }

  /** Uses up every open invitation of a user (a new one replaces them, or one was accepted). */
  async closeInvitations(userId: string, now: string): Promise<number> {
    const result = await this.#db
      .updateTable("staff_invitations")
      .set({ used_at: now })
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Deletes sessions and invitations that ended before `cutoff`; with `dryRun`, only counts. */
  async purgeEnded(
    cutoff: string,
    dryRun: boolean,
  ): Promise<{ sessions: number; invitations: number }> {
    if (dryRun) {
      const sessions = await this.#db
        .selectFrom("staff_sessions")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .where((eb) => eb.or([eb("expires_at", "<", cutoff), eb("revoked_at", "<", cutoff)]))
        .executeTakeFirstOrThrow();
      const invitations = await this.#db
        .selectFrom("staff_invitations")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .where((eb) => eb.or([eb("expires_at", "<", cutoff), eb("used_at", "<", cutoff)]))
        .executeTakeFirstOrThrow();
      return { sessions: Number(sessions.n), invitations: Number(invitations.n) };
    }
    const sessions = await this.#db
      .deleteFrom("staff_sessions")
      .where((eb) => eb.or([eb("expires_at", "<", cutoff), eb("revoked_at", "<", cutoff)]))
      .executeTakeFirst();
    const invitations = await this.#db
      .deleteFrom("staff_invitations")
      .where((eb) => eb.or([eb("expires_at", "<", cutoff), eb("used_at", "<", cutoff)]))
      .executeTakeFirst();
    return {
      sessions: Number(sessions.numDeletedRows),
      invitations: Number(invitations.numDeletedRows),
    };
  }

  async countAndOldest(table: "staff_sessions" | "staff_invitations"): Promise<CountAndOldest> {
    return countAndOldest(this.#db, table);
  }
}
