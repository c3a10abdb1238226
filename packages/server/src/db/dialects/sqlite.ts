import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { invalid } from "../../errors.ts";
import type { Database } from "../schema.ts";
import type { DatabaseDialect } from "./dialect.ts";

const SQLITE_MAGIC = "SQLite format 3\0";

/** Opens (creating if needed) an SQLite database in WAL mode; `:memory:` for tests. */
export function openSqlite(file: string): DatabaseDialect {
  if (file !== ":memory:") {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // Created empty and private first: SQLite gives its -wal and -shm files the same mode.
    if (!existsSync(file)) writeFileSync(file, "", { mode: 0o600 });
  }
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  // SQLite is one process's database, so its notifications stay in memory.
  const listeners = new Set<(payload: string) => void>();
  return {
    name: "sqlite",
    db,
    splitsLongStatements: true,
    description: file === ":memory:" ? "SQLite in memory" : `SQLite at ${file}`,
    ...(file === ":memory:" ? {} : { reopen: { name: "sqlite", file } as const }),
    async backup(target) {
      // The online backup API copies page by page while writers keep going.
      await sqlite.backup(target);
    },
    async listTables() {
      const rows = sqlite
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
        .all() as { name: string }[];
      return rows.map((row) => row.name);
    },
    async lockSequence() {},
    claimRows: (query) => query,
    rowAddress: (alias) => sql.ref(`${alias}.rowid`),
    parameterRows: (alias, columns, rows) =>
      sql`(select ${sql.join(
        columns.map((column, i) => sql`${sql.ref(`column${i + 1}`)} as ${sql.id(column)}`),
      )} from (values ${sql.join(
        rows.map((row) => sql`(${sql.join(columns.map((_, i) => row[i] ?? null))})`),
      )})) as ${sql.id(alias)}`,
    async refreshStatistics() {},
    async preferIndexScans() {},
    async notify(payload) {
      // After the caller's current work, like a NOTIFY delivered on commit.
      queueMicrotask(() => {
        for (const listener of listeners) listener(payload);
      });
    },
    async listen(listener) {
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
      };
    },
    async ping() {
      sqlite.prepare("select 1").get();
    },
    async close() {
      await db.destroy();
    },
  };
}

/** Whether a file starts with SQLite's header. */
export function isSqliteFile(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    return header.toString("latin1") === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies a backup into `target` through SQLite's backup API (so the result is a clean,
 * checkpointed database). The caller makes sure nothing has `target` open.
 */
export async function restoreSqlite(backupFile: string, target: string): Promise<void> {
  if (!isSqliteFile(backupFile)) {
    throw invalid(
      "BACKUP_NOT_SQLITE",
      `${backupFile} is not an SQLite backup made by aviso backup`,
    );
  }
  const source = new SqliteDatabase(backupFile, { readonly: true, fileMustExist: true });
  try {
    const check = source.pragma("integrity_check", { simple: true });
    if (check !== "ok")
      throw invalid(
        "BACKUP_CORRUPT",
        `${backupFile} fails SQLite's integrity check: ${String(check)}`,
      );
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    await source.backup(target);
    chmodSync(target, 0o600);
  } finally {
    source.close();
  }
}

const STATEMENT_CACHE = 500;

/**
 * Kysely prepares every statement anew on each query; better-sqlite3 statements can be reused,
 * and preparing was a sixth of the time a report took. Kysely holds the one connection for the
 * whole of a streamed query, so a cached statement is never reused while it is being iterated.
 *
 * Kysely's transactions begin IMMEDIATE here: the senders' thread writes through a second
 * connection, and a deferred transaction that read first and then wrote would fail at once
 * (SQLITE_BUSY, no waiting) when that thread had written in between. IMMEDIATE takes the write
 * lock at BEGIN, where the busy timeout waits for it.
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) {
        // Most recently used last, so the oldest goes first when the cache is full.
        cache.delete(text);
      } else {
        statement = sqlite.prepare(text === "begin" ? "begin immediate" : text);
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value ?? "");
      }
      cache.set(text, statement);
      return statement;
    },
  };
}
