import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createScratchDatabase } from "../db/dialects/postgres.ts";

/** One load run: POST each body in turn to `url` over keep-alive connections. */
export interface LoadRun {
  url: string;
  /** JSON request bodies, sent in turn. */
  bodies: string[];
  /** Concurrent connections at full speed; a paced run opens what it needs. */
  connections: number;
  /** Measured seconds, after `warmupSeconds` that are not counted. */
  seconds: number;
  warmupSeconds: number;
  /**
   * Requests per second, evenly spaced whether or not answers keep up (an open loop, latency
   * counted from when each was due); left out, each connection sends again once answered.
   */
  rate?: number;
}

export interface LoadResult {
  /** Answers with a 2xx status per second: what was taken in, not merely answered. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  completed: number;
  non2xx: number;
  /** Answers by status code, 2xx included. */
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
}

/** Drives HTTP load (the CLI passes one over autocannon, which the server does not depend on). */
export type LoadDriver = (run: LoadRun) => Promise<LoadResult>;

export interface IntakeBenchOptions {
  database: "sqlite" | "postgres";
  /** A PostgreSQL server URL whose user may create databases (for `postgres`). */
  postgresUrl?: string;
  /** Measured seconds of each run (10 by default). */
  seconds?: number;
  /** Concurrent connections of the two full-speed runs (10 by default). */
  connections?: number;
  load: LoadDriver;
  log?: (line: string) => void;
}

/** A route's full-speed rounds, and their medians (the machine may be shared and noisy). */
export interface RouteSummary {
  /** Median of the rounds' 2xx answers per second. */
  requestsPerSecond: number;
  /** Median of the rounds' p99 latency. */
  p99Ms: number;
  /** Over all rounds. */
  non2xx: number;
  rounds: LoadResult[];
}

export interface IntakeBenchResult {
  database: string;
  logLevel: string;
  seconds: number;
  connections: number;
  bare: RouteSummary;
  intake: RouteSummary;
  /** Intake's median throughput over the bare insert route's (target ≥ 0.5). */
  throughputRatio: number;
  /** The real route again at half its median throughput (target: p99 < 50 ms). */
  halfRate: LoadResult & { rate: number };
  /** Rows in the database afterwards (warm-ups included): every report has its audit event. */
  stored: { reports: number; auditEvents: number; bareRows: number };
}

interface Ready {
  intakeUrl: string;
  bareUrl: string;
  bodies: string[];
  database: string;
  logLevel: string;
}

interface Target extends Ready {
  count(): Promise<IntakeBenchResult["stored"]>;
  close(): Promise<void>;
}

/**
 * `aviso bench intake`: `POST /api/reports` on the real app (real services, a scratch SQLite
 * file or PostgreSQL database, Chicago's areas) against a bare Fastify route doing one INSERT
 * into the same database, in the same run, with the same connections (three alternating rounds
 * each, compared by their medians); then the real route at half its median throughput for its
 * p99. Both servers run in a child process; the load comes from this one. Rate limits are
 * raised out of reach, so a 429 in a result is a bug. Takes about 7 × `seconds` plus start-up.
 */
export async function runIntakeBench(options: IntakeBenchOptions): Promise<IntakeBenchResult> {
  const log = options.log ?? (() => {});
  const seconds = options.seconds ?? 10;
  const connections = options.connections ?? 10;
  const dir = mkdtempSync(path.join(tmpdir(), "aviso-bench-"));
  let scratch: { url: string; drop(): Promise<void> } | undefined;
  let target: Target | undefined;
  try {
    if (options.database === "postgres") {
      if (!options.postgresUrl) throw new Error("PostgreSQL needs a server URL (--postgres-url)");
      scratch = await createScratchDatabase(options.postgresUrl, "aviso_bench");
    }
    const servers = await startTarget(dir, scratch?.url);
    target = servers;
    log(`Scratch ${servers.database}; the app logs at ${servers.logLevel} (to /dev/null)`);
    const run = async (label: string, url: string, warmupSeconds: number, rate?: number) => {
      const result = await options.load({
        url,
        bodies: servers.bodies,
        connections,
        seconds,
        warmupSeconds,
        ...(rate ? { rate } : {}),
      });
      log(
        `  ${label}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.non2xx} non-2xx`,
      );
      return result;
    };
    // The machine may be shared and noisy: alternate the two routes, three rounds each, and
    // compare their medians. Only the first round of each warms up.
    const bareRounds: LoadResult[] = [];
    const intakeRounds: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const warmup = round === 0 ? Math.min(3, seconds) : 0;
      log(`Round ${round + 1} of ${ROUNDS}`);
      bareRounds.push(await run("bare insert route", servers.bareUrl, warmup));
      intakeRounds.push(await run("POST /api/reports", servers.intakeUrl, warmup));
    }
    const bare = summary(bareRounds);
    const intake = summary(intakeRounds);
    const rate = Math.max(1, Math.floor(intake.requestsPerSecond / 2));
    log("Half rate");
    const halfRate = {
      ...(await run(`POST /api/reports at ${rate} req/s`, servers.intakeUrl, 1, rate)),
      rate,
    };
    return {
      database: servers.database,
      logLevel: servers.logLevel,
      seconds,
      connections,
      bare,
      intake,
      throughputRatio: roundTo3(intake.requestsPerSecond / bare.requestsPerSecond),
      halfRate,
      stored: await servers.count(),
    };
  } finally {
    await target?.close();
    rmSync(dir, { recursive: true, force: true });
    await scratch?.drop();
  }
}

const ROUNDS = 3;
const roundTo3 = (n: number) => Math.round(n * 1000) / 1000;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function summary(rounds: LoadResult[]): RouteSummary {
  return {
    requestsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    non2xx: rounds.reduce((sum, r) => sum + r.non2xx, 0),
    rounds,
  };
}

/** Starts `intake-target.ts` over a fresh data dir and waits until both servers listen. */
async function startTarget(dataDir: string, databaseUrl: string | undefined): Promise<Target> {
  const script = fileURLToPath(new URL("./intake-target.ts", import.meta.url));
  // The caller's AVISO_* settings stay out (a database URL above all), except how it logs.
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("AVISO_")),
  );
  Object.assign(env, {
    AVISO_DATA_DIR: dataDir,
    AVISO_PUBLIC_URL: "https://aviso.bench",
    AVISO_LOG_LEVEL: process.env.AVISO_LOG_LEVEL || "info",
    AVISO_RUN_SENDERS: "false",
    ...(databaseUrl ? { AVISO_DATABASE_URL: databaseUrl } : {}),
  });
  const child = spawn(process.execPath, [script], {
    env,
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once("message", (message) => resolve(message as Ready));
    child.once("exit", (code) =>
      reject(new Error(`the bench's servers exited with ${code} before they listened`)),
    );
  });
  return {
    intakeUrl: ready.intakeUrl,
    bareUrl: ready.bareUrl,
    bodies: ready.bodies,
    database: ready.database,
    logLevel: ready.logLevel,
    count: async () => {
      const counts = await request<IntakeBenchResult["stored"]>(child, "count");
      return {
        reports: counts.reports,
        auditEvents: counts.auditEvents,
        bareRows: counts.bareRows,
      };
    },
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send({ type: "close" });
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function request<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (message: { type: string }) => {
      if (message.type !== type) return;
      child.off("message", listener);
      resolve(message as T);
    };
    child.on("message", listener);
    child.send({ type });
  });
}
