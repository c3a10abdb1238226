import { spawn } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { invalid, unavailable } from "../../errors.ts";
import type { Database } from "../schema.ts";
import type { DatabaseDialect } from "./dialect.ts";

export interface PostgresOptions {
  url: string;
  /** A schema to use instead of `public` (each test suite gets its own). */
  schema?: string;
  maxConnections?: number;
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://(unparseable URL)";
  }
}

export function openPostgres(options: PostgresOptions): DatabaseDialect {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // One channel per schema, so test suites sharing a server do not hear each other.
  const channel = `aviso_events_${options.schema ?? "public"}`;
  const listeners = new Set<(payload: string) => void>();
  let listening: Promise<pg.Client> | undefined;
  let isShuttingDown = false;
  const startListening = async () => {
    const client = new pg.Client({ connectionString: options.url });
    client.on("notification", (message) => {
      if (message.channel !== channel || message.payload === undefined) return;
      for (const listener of listeners) listener(message.payload);
    });
    // A dropped LISTEN connection is reopened a second later while anyone listens; events in
    // between are lost, which consoles tolerate (they reload on any later event).
    let isLost = false;
    const lost = () => {
      if (isLost || isShuttingDown) return;
      isLost = true;
      listening = undefined;
      setTimeout(keepListening, 1000).unref();
    };
    client.on("error", lost);
    client.on("end", lost);
    await client.connect();
    await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    return client;
  };
  const keepListening = () => {
    if (isShuttingDown || listeners.size === 0 || listening) return;
    const attempt = startListening();
    listening = attempt;
    attempt.catch(() => {
      if (listening === attempt) listening = undefined;
      setTimeout(keepListening, 1000).unref();
    });
  };
  return {
    name: "postgres",
    db,
    splitsLongStatements: false,
    ...(options.schema ? { schema: options.schema } : {}),
    reopen: {
      name: "postgres",
      url: options.url,
      ...(options.schema ? { schema: options.schema } : {}),
    },
    description: `PostgreSQL at ${redactUrl(options.url)}${options.schema ? ` (schema ${options.schema})` : ""}`,
    async backup(file) {
      await runTool(
        "pg_dump",
        ["--no-owner", "--no-privileges", ...schemaArgs(options), options.url],
        {
          stdout: file,
        },
      );
    },
    async listTables() {
      const result = await pool.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = current_schema()",
      );
      return result.rows.map((row) => row.table_name);
    },
    async lockSequence(trx, name) {
      await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
    },
    claimRows: (query, table) => query.forUpdate([table]).skipLocked() as typeof query,
    rowAddress: (alias) => sql.ref(`${alias}.ctid`),
    parameterRows: (alias, columns, rows) =>
      sql`unnest(${sql.join(
        columns.map((_, i) => sql`cast(${rows.map((row) => row[i] ?? null)} as text[])`),
      )}) as ${sql.id(alias)}(${sql.join(columns.map((column) => sql.id(column)))})`,
    async preferIndexScans(trx) {
      await sql`set local random_page_cost = 1.1`.execute(trx);
    },
    async refreshStatistics(table) {
      await sql`analyze ${sql.table(table)}`.execute(db);
    },
    async notify(payload) {
      await pool.query("select pg_notify($1, $2)", [channel, payload]);
    },
    async listen(listener) {
      listeners.add(listener);
      keepListening();
      try {
        await listening;
      } catch (error) {
        listeners.delete(listener);
        throw error;
      }
      return async () => {
        listeners.delete(listener);
      };
    },
    async ping() {
      await pool.query("select 1");
    },
    async close() {
      isShuttingDown = true;
      listeners.clear();
      const client = listening;
      listening = undefined;
      if (client) await (await client.catch(() => undefined))?.end();
      await db.destroy();
    },
  };
}

function schemaArgs(options: PostgresOptions): string[] {
  return options.schema ? [`--schema=${options.schema}`] : [];
}

/** Whether a file looks like a plain-SQL dump from pg_dump. */
async function isPgDump(file: string): Promise<boolean> {
  const stream = createReadStream(file, { start: 0, end: 4095, encoding: "utf8" });
  let head = "";
  for await (const chunk of stream) head += chunk;
  return head.includes("PostgreSQL database dump");
}

/** Loads a pg_dump file into an empty database with psql, stopping at the first error. */
export async function restorePostgres(file: string, options: PostgresOptions): Promise<void> {
  if (!(await isPgDump(file))) {
    throw invalid("BACKUP_NOT_POSTGRES", `${file} is not a PostgreSQL dump made by aviso backup`);
  }
  await runTool(
    "psql",
    [
      "--quiet",
      "--no-psqlrc",
      "-v",
      "ON_ERROR_STOP=1",
      "--single-transaction",
      "-f",
      file,
      options.url,
    ],
    {},
  );
}

async function runTool(command: string, args: string[], io: { stdout?: string }): Promise<void> {
  const child = spawn(command, args, { stdio: ["ignore", io.stdout ? "pipe" : "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const output = io.stdout ? createWriteStream(io.stdout, { mode: 0o600 }) : undefined;
  if (output && child.stdout) child.stdout.pipe(output);
  const [code] = (await once(child, "close").catch((error: NodeJS.ErrnoException) => {
    throw unavailable(
      "TOOL_MISSING",
      `${command} could not be run (${error.code ?? error.message}); install the PostgreSQL client tools`,
    );
  })) as [number | null];
  if (output && !output.writableFinished) await once(output, "finish");
  if (code !== 0) {
    throw unavailable(
      "TOOL_FAILED",
      `${command} failed: ${stderr.trim().split("\n").slice(-3).join(" ")}`,
    );
  }
}

/**
 * A new, empty database on a server (benchmarks): its URL, and how to drop it again. The
 * server URL's user must be allowed to create databases.
 */
export async function createScratchDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Math.random().toString(16).slice(2, 10)}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await run(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name}`) };
}
