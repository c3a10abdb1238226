import { type DatabaseDialect, pendingMigrations } from "../../db/database.ts";

export interface Readiness {
  ready: boolean;
  checks: { database: string; migrations: string };
}

/** Whether this process can serve: the database answers and has every migration applied. */
export class HealthService {
  readonly #database: DatabaseDialect;
  constructor(database: DatabaseDialect) {
    this.#database = database;
  }

  async readiness(): Promise<Readiness> {
    try {
      await this.#database.ping();
    } catch {
      return { ready: false, checks: { database: "unreachable", migrations: "unknown" } };
    }
    const pending = await pendingMigrations(this.#database).catch(() => undefined);
    const migrations =
      pending === undefined ? "unknown" : pending.length > 0 ? `${pending.length} pending` : "ok";
    return { ready: migrations === "ok", checks: { database: "ok", migrations } };
  }
}
