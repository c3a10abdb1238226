import path from "node:path";
import { type MigrationResultSet, Migrator } from "kysely/migration";
import type { DatabaseDialect } from "./dialects/dialect.ts";
import { openPostgres } from "./dialects/postgres.ts";
import { openSqlite } from "./dialects/sqlite.ts";
import { migrations } from "./migrations/index.ts";

export type { DatabaseDialect } from "./dialects/dialect.ts";

/** Where the database is: a PostgreSQL URL, or else SQLite in the data dir. */
export interface DatabaseLocation {
  databaseUrl?: string | undefined;
  dataDir: string;
}

export const sqlitePath = (dataDir: string) => path.join(dataDir, "aviso.db");

export function openDatabase(location: DatabaseLocation): DatabaseDialect {
  return location.databaseUrl
    ? openPostgres({ url: location.databaseUrl })
    : openSqlite(sqlitePath(location.dataDir));
}

function migrator(database: DatabaseDialect) {
  return new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    // Named explicitly: otherwise Kysely may find another schema's migration table and skip creating its own.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
}

/** Applies every pending migration. Throws with the failing migration's name. */
export async function migrateToLatest(database: DatabaseDialect): Promise<string[]> {
  const { error, results } = await migrator(database).migrateToLatest();
  return checkMigration(error, results);
}

function checkMigration(error: unknown, results: MigrationResultSet["results"]): string[] {
  if (error) {
    const failed = results?.find((result) => result.status === "Error");
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? "(unknown)"} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Names of migrations the code has that the database has not run yet. */
export async function pendingMigrations(database: DatabaseDialect): Promise<string[]> {
  const all = await migrator(database).getMigrations();
  return all.filter((migration) => migration.executedAt === undefined).map((m) => m.name);
}
