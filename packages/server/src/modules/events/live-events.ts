import { LiveEvent } from "@aviso/core";
import type { DatabaseDialect } from "../../db/dialects/dialect.ts";

/**
 * What changed, told to every open console: in this process on SQLite, across processes through
 * PostgreSQL LISTEN/NOTIFY. Events carry ids only, never what a report says, so nothing
 * personal passes through the notification channel.
 */
export class LiveEvents {
  readonly #database: DatabaseDialect;
  constructor(database: DatabaseDialect) {
    this.#database = database;
  }

  /** Tells everyone; a lost notification costs a console one refresh, so it never throws. */
  publish(event: LiveEvent): void {
    this.#database.notify(JSON.stringify(event)).catch(() => {});
  }

  /** Calls `listener` with every event; resolves once listening, with a function to stop. */
  async subscribe(listener: (event: LiveEvent) => void): Promise<() => Promise<void>> {
    return this.#database.listen((payload) => {
      const parsed = LiveEvent.safeParse(safeJson(payload));
      if (parsed.success) listener(parsed.data);
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
