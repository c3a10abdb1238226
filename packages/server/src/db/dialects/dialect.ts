import type { Kysely, RawBuilder, SelectQueryBuilder, Transaction } from "kysely";
import type { Database } from "../schema.ts";

export type DialectName = "sqlite" | "postgres";

/** Where another thread finds the same database (see {@link DatabaseDialect.reopen}). */
export type ReopenAs =
  | { name: "sqlite"; file: string }
  | { name: "postgres"; url: string; schema?: string };

/**
 * One open database. Everything that differs between SQLite and PostgreSQL (connecting,
 * backup, restore, listing tables) lives behind this interface, one file per database.
 */
export interface DatabaseDialect {
  readonly name: DialectName;
  readonly db: Kysely<Database>;
  /** Where the data lives, safe to print (no password). */
  readonly description: string;
  /**
   * How another thread of this process opens its own connection to the same database; absent
   * for SQLite in memory. A PostgreSQL URL may hold a password: never print or log this.
   */
  readonly reopen?: ReopenAs;
  /** The PostgreSQL schema in use when it is not the default (test suites each get one). */
  readonly schema?: string;
  /** Writes a consistent copy of the whole database to `file` while it stays online. */
  backup(file: string): Promise<void>;
  /** Names of the tables Aviso's migrations created, to tell an empty database from a used one. */
  listTables(): Promise<string[]>;
  /**
   * Makes writers of one named sequence (the audit chain) take turns until the transaction ends:
   * an advisory lock on PostgreSQL; SQLite's single writer already does this.
   */
  lockSequence(trx: Transaction<Database>, name: string): Promise<void>;
  /**
   * Makes a select claim its rows for this transaction, skipping rows another sender holds:
   * `FOR UPDATE OF <table> SKIP LOCKED` on PostgreSQL; SQLite's single writer needs nothing.
   */
  // biome-ignore lint/suspicious/noExplicitAny: any select over the schema
  claimRows<QB extends SelectQueryBuilder<Database, any, any>>(query: QB, table: string): QB;
  /**
   * The physical address of a row of `alias`, to update rows a select just claimed without
   * looking up their keys again: PostgreSQL `ctid` (stable while the row is locked), SQLite
   * `rowid`.
   */
  rowAddress(alias: string): RawBuilder<unknown>;
  /**
   * Rows given as parameters, usable as a table named `alias` in a FROM clause, every column
   * text: PostgreSQL `unnest` of one array per column (one parameter each, however many rows:
   * parsed and planned in constant time); SQLite a VALUES list.
   */
  parameterRows(
    alias: string,
    columns: readonly string[],
    rows: (string | null)[][],
  ): RawBuilder<unknown>;
  /**
   * Whether a statement over very many rows (an alert's fan-out) runs in parts. SQLite: yes,
   * its driver holds the connection's thread for a whole statement, and other work on that
   * connection (the senders' claims) gets turns only between parts. PostgreSQL, whose driver
   * never blocks, runs it whole.
   */
  readonly splitsLongStatements: boolean;
  /**
   * For the rest of a transaction, prices index scans as on an SSD: PostgreSQL
   * `SET LOCAL random_page_cost = 1.1` (its default of 4 is for spinning disks, and made it read
   * all of a large table to find a small part of it); SQLite: nothing.
   */
  preferIndexScans(trx: Transaction<Database>): Promise<void>;
  /**
   * After a bulk insert (an alert's fan-out), refreshes the planner's statistics, so what reads
   * an alert's deliveries next (progress counts, a cancel, a retraction's fan-out) is planned
   * for the rows there are: PostgreSQL `ANALYZE`; SQLite plans by index anyway. Claims do not
   * need it: their plan (the claim index, then rows by address) holds with any statistics.
   */
  refreshStatistics(table: "deliveries"): Promise<void>;
  /**
   * Tells every process on this database that something changed (ids only, never personal
   * data): PostgreSQL `NOTIFY` on a channel per schema; SQLite, with one process, in memory.
   */
  notify(payload: string): Promise<void>;
  /**
   * Calls `listener` with every payload {@link notify} sends, from any process; resolves once
   * listening, with a function that stops it. PostgreSQL holds one connection for `LISTEN`.
   */
  listen(listener: (payload: string) => void): Promise<() => Promise<void>>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
