import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import pino from "pino";
import { TwilioChannel } from "../channels/sms/twilio.channel.ts";
import { loadConfig } from "../config.ts";
import { createScratchDatabase } from "../db/dialects/postgres.ts";
import type { SubscriberAreasTable, SubscribersTable } from "../db/schema.ts";
import type { DeliveryWorker } from "../jobs/delivery-worker.ts";
import { type Aviso, createSmsWorker, openAviso } from "../main.ts";
import { SYSTEM } from "../modules/audit/audit.service.ts";
import { loadDefaultAreas } from "../seed/default-areas.ts";

export interface FanoutBenchOptions {
  subscribers: number;
  database: "sqlite" | "postgres";
  /** A PostgreSQL server URL whose user may create databases (for `postgres`). */
  postgresUrl?: string;
  /** Seconds for each sending measurement. */
  seconds?: number;
  log?: (line: string) => void;
}

export interface FanoutBenchResult {
  database: string;
  subscribers: number;
  deliveries: number;
  seedSeconds: number;
  fanoutSeconds: number;
  rawInsertSelectSeconds: number;
  fanoutRatio: number;
  firstMessageMs: number;
  senderPerSecond: number;
  bareLoopPerSecond: number;
  throughputRatio: number;
  configuredRate: number;
  measuredRate: number;
  rateDeviation: number;
  /** The same configured rate, the provider answering each message this much later. */
  slowProviderMs: number;
  measuredRateSlowProvider: number;
  rateDeviationSlowProvider: number;
}

/** How late the slow provider answers, as a real provider's API might. */
const SLOW_PROVIDER_MS = 250;

const LANGUAGES = [
  "en",
  "en",
  "en",
  "es",
  "es",
  "es",
  "pl",
  "zh-Hans",
  "ar",
  "ko",
  "tl",
  "uk",
  "fr",
];
const BATCH = 2000;

/**
 * `aviso bench fanout`: in a scratch database, N subscribers spread over Chicago's community
 * areas; an alert to all of them. Prints the fan-out time next to the bare INSERT … SELECT of
 * the same rows (same run, same database), the first message's latency after approval, the
 * sender's rate against a bare HTTP loop to the same local Twilio-compatible server, and the
 * sender's rate when configured to 100 msg/s.
 */
export async function runFanoutBench(options: FanoutBenchOptions): Promise<FanoutBenchResult> {
  const log = options.log ?? (() => {});
  const seconds = options.seconds ?? 5;
  const dir = mkdtempSync(path.join(tmpdir(), "aviso-bench-"));
  let scratch: { url: string; drop(): Promise<void> } | undefined;
  if (options.database === "postgres") {
    if (!options.postgresUrl) throw new Error("PostgreSQL needs a server URL (--postgres-url)");
    scratch = await createScratchDatabase(options.postgresUrl, "aviso_bench");
  }
  const databaseUrl = scratch?.url;
  // The provider runs in its own process, as a real one would: its work does not share the
  // sender's event loop, nor the bare loop's.
  const twilio = await startFakeTwilioProcess();
  const env = {
    AVISO_DATA_DIR: dir,
    AVISO_PUBLIC_URL: "https://aviso.bench",
    AVISO_LOG_LEVEL: "silent",
    AVISO_RUN_SENDERS: "false",
    AVISO_ALERT_TWO_PERSON: "false",
    ...(databaseUrl ? { AVISO_DATABASE_URL: databaseUrl } : {}),
  };
  const aviso = await openAviso(loadConfig(env, dir), { logger: pino({ level: "silent" }) });
  try {
    log(`Scratch ${aviso.database.description}`);
    await loadDefaultAreas(aviso.areas);
    const areas = (await aviso.areas.listAreas("community-area")).map((a) => a.id);
    const seedStart = performance.now();
    await seed(aviso, areas, options.subscribers, (done) =>
      log(`  seeded ${done.toLocaleString("en-US")} subscribers`),
    );
    const seedSeconds = (performance.now() - seedStart) / 1000;
    await analyze(aviso);
    const staff = await aviso.users.addUser(
      { email: "bench@aviso.invalid", name: "Bench", role: "dispatcher" },
      SYSTEM,
    );
    const actor = { id: staff.user.id, role: "dispatcher" };
    const texts = { en: "CONFIRMED: bench alert.", es: "CONFIRMADO: alerta de prueba." };

    // The baseline: the same rows in one bare INSERT … SELECT, then removed.
    const raw = await aviso.alerts.compose({ kind: "announcement", areaIds: areas, texts }, actor);
    const rawStart = performance.now();
    const rawRows = Number(
      (
        await sql`
          insert into deliveries
            (alert_id, subscriber_id, channel, language, rank, status, attempts, next_attempt_at, updated_at)
          select ${raw.id}, s.id, s.channel, s.language, 0, 'queued', 0, ${new Date().toISOString()}, ''
          from subscriber_areas sa
          join subscribers s on s.id = sa.subscriber_id
          where sa.area_id in (${sql.join(areas)}) and s.status = 'active'
          on conflict (alert_id, subscriber_id) do nothing`.execute(aviso.database.db)
      ).numAffectedRows ?? 0,
    );
    const rawInsertSelectSeconds = (performance.now() - rawStart) / 1000;
    await sql`delete from deliveries where alert_id = ${raw.id}`.execute(aviso.database.db);
    await settle(aviso);
    log(
      `Raw INSERT … SELECT: ${rawRows.toLocaleString("en-US")} rows in ${rawInsertSelectSeconds.toFixed(2)} s`,
    );

    // The fan-out as approval runs it (nearest ring first). A sender paced at 1 msg/s runs
    // alongside, only to time the first message handed to the provider after approval.
    const alert = await aviso.alerts.compose(
      { kind: "activity_confirmed", areaIds: areas, texts },
      actor,
    );
    // One delivery per claim, so stopping it does not wait for a paced batch.
    const watcher = worker(aviso, twilio, 1, 1);
    watcher.start();
    // A server's senders start with it, long before anyone approves: on SQLite their store's
    // thread is already up. Waiting for one idle poll makes the bench start from there too.
    await aviso.deliveryStore.finishDone(new Date().toISOString());
    await twilio.reset();
    const approvedAt = Date.now();
    const fanStart = performance.now();
    await aviso.alerts.approve(alert.id, actor);
    await aviso.alerts.settled();
    const fanoutSeconds = (performance.now() - fanStart) / 1000;
    await watcher.stop();
    const firstAt = (await twilio.stats()).firstAt;
    const firstMessageMs = firstAt === null ? Number.NaN : firstAt - approvedAt;
    log(`First message handed to the provider ${firstMessageMs} ms after approval`);
    const progress = (await aviso.alerts.get(alert.id)).progress;
    const deliveries = Object.values(progress).reduce((a, b) => a + b, 0);
    await aviso.alerts.cancel(alert.id, actor);
    log(
      `Fan-out: ${deliveries.toLocaleString("en-US")} deliveries in ${fanoutSeconds.toFixed(2)} s`,
    );

    // Sending: a bare HTTP loop first, then the real sender, same concurrency, same server.
    const live = await aviso.alerts.compose(
      { kind: "activity_confirmed", areaIds: areas, texts },
      actor,
    );
    const unlimited = worker(aviso, twilio, Number.POSITIVE_INFINITY);
    const concurrency = unlimited.concurrency;
    await aviso.alerts.approve(live.id, actor);
    await aviso.alerts.settled(); // the sender's rate is measured once the fan-out is done
    await settle(aviso);
    // The machine is shared and noisy: alternate the bare loop and the sender, three rounds
    // each, and compare their medians. A first round warms both up and is not counted: in it
    // the bare loop ran at about half its later rate (and the sender at about the same), which
    // made the bare loop's median its slowest counted round.
    const measureRound = async (secondsEach: number) => {
      const bareRate = await bareLoop(twilio, concurrency, secondsEach);
      unlimited.start();
      await sleep(200);
      const senderRate = await rate(twilio, secondsEach);
      await unlimited.stop();
      return { bareRate, senderRate };
    };
    const show = (r: { bareRate: number; senderRate: number }) =>
      `bare HTTP loop ${r.bareRate.toFixed(0)} msg/s, sender ${r.senderRate.toFixed(0)} msg/s`;
    log(`  warm-up (not counted): ${show(await measureRound(Math.min(seconds, 2)))}`);
    const bare: number[] = [];
    const sender: number[] = [];
    for (let n = 0; n < 3; n++) {
      const measured = await measureRound(seconds);
      bare.push(measured.bareRate);
      sender.push(measured.senderRate);
      log(`  round ${n + 1}: ${show(measured)}`);
    }
    const bareLoopPerSecond = median(bare);
    const senderPerSecond = median(sender);
    log(
      `Bare HTTP loop (${concurrency} concurrent): ${bareLoopPerSecond.toFixed(0)} msg/s; sender: ${senderPerSecond.toFixed(0)} msg/s (medians)`,
    );
    // A rate measured after the alert ran out of deliveries would be no rate at all.
    const pacedSeconds = Math.max(seconds, 10);
    const enough = async (what: string) => {
      if ((await aviso.alerts.get(live.id)).progress.queued ?? 0) return;
      const needed = Math.ceil(bareLoopPerSecond * (3 * seconds + 2) + 2 * 100 * pacedSeconds);
      throw new Error(
        `the alert's ${deliveries.toLocaleString("en-US")} deliveries ran out before ${what} was measured to its end; run with --subscribers of at least ${needed.toLocaleString("en-US")}, or fewer --seconds`,
      );
    };
    await enough("the sender's unlimited rate");

    const paced = worker(aviso, twilio, 100);
    paced.start();
    await sleep(500); // past the first burst
    const measuredRate = await rate(twilio, pacedSeconds);
    await paced.stop();
    await enough("the paced rate");
    log(`Sender at a configured 100 msg/s: ${measuredRate.toFixed(1)} msg/s`);

    // The same rate against a provider that answers as slowly as a real one: the sender keeps
    // enough messages in flight to keep up (one at a time per loop would make 4 ÷ 0.25 s = 16).
    await twilio.answerAfter(SLOW_PROVIDER_MS);
    const patient = worker(aviso, twilio, 100);
    patient.start();
    await sleep(500 + SLOW_PROVIDER_MS);
    const measuredRateSlowProvider = await rate(twilio, pacedSeconds);
    await patient.stop();
    await twilio.answerAfter(0);
    await enough("the paced rate against a slow provider");
    log(
      `Sender at a configured 100 msg/s, the provider answering after ${SLOW_PROVIDER_MS} ms: ${measuredRateSlowProvider.toFixed(1)} msg/s`,
    );
    await aviso.alerts.cancel(live.id, actor);
    await aviso.alerts.settled();

    return {
      database: options.database,
      subscribers: options.subscribers,
      deliveries,
      seedSeconds: round(seedSeconds),
      fanoutSeconds: round(fanoutSeconds),
      rawInsertSelectSeconds: round(rawInsertSelectSeconds),
      fanoutRatio: round(fanoutSeconds / rawInsertSelectSeconds),
      firstMessageMs,
      senderPerSecond: round(senderPerSecond),
      bareLoopPerSecond: round(bareLoopPerSecond),
      throughputRatio: round(senderPerSecond / bareLoopPerSecond),
      configuredRate: 100,
      measuredRate: round(measuredRate),
      rateDeviation: round(Math.abs(measuredRate - 100) / 100),
      slowProviderMs: SLOW_PROVIDER_MS,
      measuredRateSlowProvider: round(measuredRateSlowProvider),
      rateDeviationSlowProvider: round(Math.abs(measuredRateSlowProvider - 100) / 100),
    };
  } finally {
    await aviso.close();
    await twilio.close();
    rmSync(dir, { recursive: true, force: true });
    await scratch?.drop();
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function analyze(aviso: Aviso): Promise<void> {
  await sql`analyze`.execute(aviso.database.db);
}

/**
 * Lets the database finish what the bench's own setup left it (a million rows deleted, or
 * cancelled and queued again), so the step after measures only itself, as on a server at rest.
 * PostgreSQL: those rows vacuumed (or the first claims' index scans would step over each dead
 * one), fresh statistics, and a checkpoint (or its writes, and the full pages logged after it,
 * would land in the middle of the measurement). SQLite: fresh statistics.
 */
async function settle(aviso: Aviso): Promise<void> {
  if (aviso.database.name === "postgres") {
    await sql`vacuum deliveries`.execute(aviso.database.db);
    await sql`checkpoint`.execute(aviso.database.db);
  }
  await analyze(aviso);
}

/** N active subscribers, each with one community area, in batches of {@link BATCH}. */
async function seed(
  aviso: Aviso,
  areas: string[],
  count: number,
  progress: (done: number) => void,
): Promise<void> {
  const now = new Date().toISOString();
  for (let start = 0; start < count; start += BATCH) {
    const rows: SubscribersTable[] = [];
    const links: SubscriberAreasTable[] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      // Ids as subscribing gives them (random UUIDs), so rows arrive in no order of theirs.
      const id = randomUUID();
      rows.push({
        id,
        channel: "sms",
        contact_enc: aviso.crypto.encrypt(
          `+1312${String(2_000_000 + i).padStart(7, "0")}`,
          "subscribers.contact",
        ),
        contact_index: null,
        language: LANGUAGES[i % LANGUAGES.length] ?? "en",
        status: "active",
        created_at: now,
        confirmed_at: now,
        stopped_at: null,
        confirm_code_hash: null,
        confirm_expires_at: null,
        confirm_attempts: 0,
      });
      links.push({ subscriber_id: id, area_id: areas[(i * 7919) % areas.length] ?? "" });
    }
    await aviso.database.db.transaction().execute(async (trx) => {
      await trx.insertInto("subscribers").values(rows).execute();
      await trx.insertInto("subscriber_areas").values(links).execute();
    });
    if ((start / BATCH) % 50 === 49 || start + BATCH >= count)
      progress(Math.min(count, start + BATCH));
  }
}

/** The server's own SMS sender (its batch size, unless given), sending to the fake provider. */
function worker(
  aviso: Aviso,
  twilio: FakeProvider,
  perSecond: number,
  batchSize?: number,
): DeliveryWorker {
  const provider = new TwilioChannel({
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    from: "+18555550100",
    apiUrl: twilio.url,
    statusCallbackUrl: "https://aviso.bench/api/sms/twilio/status",
    validitySeconds: 1800,
  });
  return createSmsWorker(aviso, aviso.config, pino({ level: "silent" }), {
    provider,
    ratePerSecond: perSecond,
    ...(batchSize ? { batchSize } : {}),
  });
}

/** Messages per second the fake provider receives over a window. */
async function rate(twilio: FakeProvider, seconds: number): Promise<number> {
  const before = (await twilio.stats()).count;
  const start = performance.now();
  await sleep(seconds * 1000);
  const after = (await twilio.stats()).count;
  return ((after - before) * 1000) / (performance.now() - start);
}

interface FakeProvider {
  url: string;
  accountSid: string;
  authToken: string;
  stats(): Promise<{ count: number; firstAt: number | null }>;
  reset(): Promise<void>;
  /** Makes the provider answer each message this many milliseconds late (0: at once). */
  answerAfter(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** The local Twilio-compatible server, started in a child process. */
async function startFakeTwilioProcess(): Promise<FakeProvider> {
  const script = fileURLToPath(new URL("../channels/sms/twilio-fake-process.ts", import.meta.url));
  const child = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(out.split("\n")[0] ?? "");
    });
    child.once("exit", (code) => reject(new Error(`the fake provider exited with ${code}`)));
  });
  const info = JSON.parse(line) as { url: string; accountSid: string; authToken: string };
  return {
    ...info,
    stats: async () =>
      (await (await fetch(`${info.url}/__fake/stats`)).json()) as {
        count: number;
        firstAt: number | null;
      },
    reset: async () => {
      await (await fetch(`${info.url}/__fake/reset`, { method: "POST" })).arrayBuffer();
    },
    answerAfter: async (ms) => {
      await (await fetch(`${info.url}/__fake/delay?ms=${ms}`, { method: "POST" })).arrayBuffer();
    },
    close: async () => {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

/** The same requests from `concurrency` bare fetch loops, with no database and no pacing. */
async function bareLoop(
  twilio: FakeProvider,
  concurrency: number,
  seconds: number,
): Promise<number> {
  const url = `${twilio.url}/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString("base64")}`;
  const end = performance.now() + seconds * 1000;
  let sent = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, n) => {
      let i = 0;
      while (performance.now() < end) {
        const body = new URLSearchParams({
          To: `+1773${String(1_000_000 + n * 1_000_000 + i++).padStart(7, "0")}`,
          From: "+18555550100",
          Body: "CONFIRMED: bench alert.\nCheck code XXXXXX at aviso.bench/now - STOP to end",
          StatusCallback: "https://aviso.bench/api/sms/twilio/status",
          ValidityPeriod: "1800",
        });
        const response = await fetch(url, {
          method: "POST",
          headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" },
          body,
        });
        await response.arrayBuffer();
        sent++;
      }
    }),
  );
  await twilio.reset();
  return (sent * 1000) / (performance.now() - start);
}
