import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import pg from "pg";
import { FieldCrypto } from "../src/crypto/field-crypto.ts";
import { migrateToLatest } from "../src/db/database.ts";
import type { DatabaseDialect, DialectName } from "../src/db/dialects/dialect.ts";
import { openPostgres } from "../src/db/dialects/postgres.ts";
import { openSqlite } from "../src/db/dialects/sqlite.ts";

/** PostgreSQL runs too when AVISO_TEST_DATABASE_URL is set (CI sets it). */
export const TEST_POSTGRES_URL = process.env.AVISO_TEST_DATABASE_URL || undefined;

/** The dialects every database suite runs on: SQLite always, PostgreSQL when configured. */
export const TEST_DIALECTS: DialectName[] = TEST_POSTGRES_URL ? ["sqlite", "postgres"] : ["sqlite"];

export interface TestDatabase {
  database: DatabaseDialect;
  /** The PostgreSQL schema this suite owns, if any. */
  schema?: string;
  cleanup(): Promise<void>;
}

/**
 * Serialises schema DDL across test workers. Kysely's migrator introspects every schema in the
 * database; a schema another suite drops at that moment makes the introspection fail.
 */
async function withDdlLock<T>(work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock(74280001)");
    return await work();
  } finally {
    await client.query("select pg_advisory_unlock(74280001)").catch(() => {});
    await client.end();
  }
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated database: in-memory SQLite (or a file, when given), or a PostgreSQL schema
 * of its own that is dropped afterwards.
 */
export async function createTestDatabase(
  dialect: DialectName,
  options: { migrate?: boolean; sqliteFile?: string } = {},
): Promise<TestDatabase> {
  let test: TestDatabase;
  if (dialect === "sqlite") {
    const database = openSqlite(options.sqliteFile ?? ":memory:");
    test = { database, cleanup: () => database.close() };
  } else {
    if (!TEST_POSTGRES_URL) throw new Error("AVISO_TEST_DATABASE_URL is not set");
    const schema = `aviso_test_${randomBytes(6).toString("hex")}`;
    const database = openPostgres({ url: TEST_POSTGRES_URL, schema, maxConnections: 4 });
    await withDdlLock(async () => {
      await adminQuery(`create schema ${schema}`);
      if (options.migrate !== false) await migrateToLatest(database);
    });
    return {
      database,
      schema,
      async cleanup() {
        await database.close();
        await withDdlLock(() => adminQuery(`drop schema if exists ${schema} cascade`));
      },
    };
  }
  if (options.migrate !== false) await migrateToLatest(test.database);
  return test;
}

/** Field encryption with a random key, as a fresh installation would have. */
export const createTestCrypto = () => FieldCrypto.create(randomBytes(32));

/**
 * Everything a thief would read of a test database: the raw SQLite file and its write-ahead log
 * (the database must have been opened on a file), or a `pg_dump` of the suite's schema.
 */
export function rawDatabaseText(test: TestDatabase): string {
  if (test.database.name === "sqlite") {
    const file = test.database.description.replace(/^SQLite at /, "");
    return [file, `${file}-wal`]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f).toString("latin1"))
      .join("");
  }
  return execFileSync(
    "pg_dump",
    ["--no-owner", `--schema=${test.schema}`, TEST_POSTGRES_URL ?? ""],
    { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
  );
}
