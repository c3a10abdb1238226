import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type FakeTwilio, loadConfig, openAviso, startFakeTwilio } from "@aviso/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../bin/aviso.mjs", import.meta.url));
const PG_URL = process.env.AVISO_TEST_DATABASE_URL || undefined;
const SUBSCRIBERS = 300;
const SENDERS = 2;
const BATCH = 50;
// Each sending loop sends one batch while the one before is being recorded: a crash can
// repeat at most two batches per loop. Set for the child, so the bound stays below the total.
const IN_FLIGHT = 2 * SENDERS * BATCH;

/** `aviso start` in a child process, resolved once it listens. */
async function startChild(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, "start"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`aviso did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Aviso is running at")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`aviso exited with ${code}:\n${output}`)));
  });
  return child;
}

const until = async (check: () => boolean, ms: number, what: string) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const targets: { name: string; url?: () => Promise<string> }[] = [{ name: "SQLite" }];
const databases: string[] = [];
const admin = async (statement: string) => {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(statement).finally(() => client.end());
};
if (PG_URL) {
  targets.push({
    name: "PostgreSQL",
    url: async () => {
      const name = `aviso_crash_${randomBytes(5).toString("hex")}`;
      await admin(`create database ${name}`);
      databases.push(name);
      const url = new URL(PG_URL);
      url.pathname = `/${name}`;
      return url.toString();
    },
  });
}

describe.each(targets)("a sender killed with SIGKILL mid-send on $name", ({ url }) => {
  let twilio: FakeTwilio;
  beforeAll(async () => {
    twilio = await startFakeTwilio();
  });
  afterAll(async () => {
    await twilio.close();
    for (const name of databases.splice(0)) await admin(`drop database if exists ${name}`);
  });

  it("loses no subscriber after a restart, and repeats at most what was in flight", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "aviso-crash-"));
    const env: Record<string, string> = {
      AVISO_DATA_DIR: dir,
      ...(url ? { AVISO_DATABASE_URL: await url() } : {}),
      AVISO_PUBLIC_URL: "https://aviso.test",
      AVISO_LOG_LEVEL: "warn",
      PORT: "0",
      AVISO_TWILIO_ACCOUNT_SID: twilio.accountSid,
      AVISO_TWILIO_AUTH_TOKEN: twilio.authToken,
      AVISO_TWILIO_FROM: "+18555550100",
      AVISO_TWILIO_API_URL: twilio.url,
      AVISO_SMS_RATE_PER_SECOND: "10000",
      AVISO_SMS_SENDERS: String(SENDERS),
      AVISO_DELIVERY_LEASE_SECONDS: "2",
      AVISO_DELIVERY_BATCH_SIZE: String(BATCH),
    };
    // Set up in this process: areas, subscribers (by text, as residents would), an approved
    // alert whose deliveries are queued. No sender runs here.
    const aviso = await openAviso(loadConfig({ ...env, AVISO_RUN_SENDERS: "false" }, dir));
    const text = readFileSync(
      fileURLToPath(
        new URL("../../server/assets/areas/chicago-zip-codes.geojson", import.meta.url),
      ),
      "utf8",
    );
    await aviso.areas.importAreas(text, { kind: "zip", nameProperty: "zip" });
    const phones = Array.from({ length: SUBSCRIBERS }, (_, i) => `+1312555${String(3000 + i)}`);
    for (const phone of phones) {
      await aviso.smsInbound.handle(phone, "JOIN 60623");
      await aviso.smsInbound.handle(phone, "YES");
    }
    const [composer, approver] = await Promise.all(
      ["a", "b"].map((who) =>
        aviso.users.addUser(
          { email: `${who}@crash.aviso.invalid`, name: who, role: "dispatcher" },
          { id: null, role: "system" },
        ),
      ),
    );
    const alert = await aviso.alerts.compose(
      { kind: "activity_confirmed", areaIds: ["zip:60623"], texts: { en: "CONFIRMED: test." } },
      { id: composer?.user.id ?? "", role: "dispatcher" },
    );
    await aviso.alerts.approve(alert.id, { id: approver?.user.id ?? "", role: "dispatcher" });
    await aviso.alerts.settled();
    expect((await aviso.alerts.get(alert.id)).progress.queued).toBe(SUBSCRIBERS);
    await aviso.close();

    // A slow provider, so the kill lands mid-send.
    twilio.delayMs = 15;
    const first = await startChild(env);
    await until(() => twilio.messages.length >= 40, 30_000, "the first messages");
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const beforeRestart = twilio.messages.length;
    expect(beforeRestart).toBeLessThan(SUBSCRIBERS);

    twilio.delayMs = 0;
    const second = await startChild(env);
    const reached = () => new Set(twilio.messages.map((m) => m.to));
    await until(() => reached().size === SUBSCRIBERS, 60_000, "every subscriber");
    await new Promise((resolve) => setTimeout(resolve, 500));
    second.kill("SIGTERM");
    await new Promise((resolve) => second.once("exit", resolve));

    expect([...reached()].sort()).toEqual([...phones].sort());
    const duplicates = twilio.messages.length - SUBSCRIBERS;
    expect(duplicates).toBeGreaterThanOrEqual(0);
    expect(duplicates).toBeLessThanOrEqual(IN_FLIGHT);

    const after = await openAviso(loadConfig({ ...env, AVISO_RUN_SENDERS: "false" }, dir));
    const view = await after.alerts.get(alert.id);
    await after.close();
    expect(view.progress).toMatchObject({ sent: SUBSCRIBERS, queued: 0, sending: 0 });
    expect(view.status).toBe("sent");
  }, 180_000);
});
