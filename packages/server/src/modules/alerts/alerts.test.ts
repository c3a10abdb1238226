import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, TEST_PUBLIC_URL, type TestApp, testConfig } from "../../../test/app.ts";
import { TEST_DIALECTS } from "../../../test/databases.ts";
import { type FakeTwilio, startFakeTwilio } from "../../channels/sms/twilio-fake.ts";
import { twilioSignature } from "../../channels/sms/twilio-signature.ts";
import { DeliveryWorker } from "../../jobs/delivery-worker.ts";
import { createSmsWorker, smsProvider } from "../../main.ts";
import { loadDefaultAreas } from "../../seed/default-areas.ts";
import { CONTACT_CONTEXT } from "../subscriptions/phone.ts";

const TOKEN = "fake-twilio-auth-token-0123456789";

// In memory, SQLite answers on its one connection; on a file, as a server runs it, the
// deliveries store runs the fan-out, claims and records on its own thread.
const TARGETS = [
  ...TEST_DIALECTS.map((dialect) => ({ name: dialect, dialect, file: false })),
  { name: "an SQLite file (deliveries on their thread)", dialect: "sqlite" as const, file: true },
];

describe.each(TARGETS)("alerts on $name", ({ dialect, file }) => {
  let twilio: FakeTwilio;
  let harness: TestApp;
  let worker: DeliveryWorker;
  let now: Date;
  let env: NodeJS.ProcessEnv;
  const dir = mkdtempSync(path.join(tmpdir(), "aviso-alerts-"));
  beforeAll(async () => {
    twilio = await startFakeTwilio({ authToken: TOKEN });
  });
  afterAll(async () => {
    await twilio.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    twilio.messages.length = 0;
    twilio.maxPerSecond = Number.POSITIVE_INFINITY;
    now = new Date("2026-11-28T15:00:00Z");
    env = {
      AVISO_TWILIO_AUTH_TOKEN: TOKEN,
      AVISO_TWILIO_ACCOUNT_SID: twilio.accountSid,
      AVISO_TWILIO_FROM: "+18555550100",
      AVISO_TWILIO_API_URL: twilio.url,
      AVISO_SMS_RATE_PER_SECOND: "10000",
    };
    await open();
  });
  afterEach(() => harness.close());

  /** The app on a fresh database, and its SMS sender. */
  async function open(fanOutPartRows?: number) {
    harness = await createTestApp(dialect, {
      env,
      now: () => now,
      ...(file ? { sqliteFile: path.join(mkdtempSync(path.join(dir, "db-")), "aviso.db") } : {}),
      ...(fanOutPartRows ? { fanOutPartRows } : {}),
    });
    await loadDefaultAreas(harness.services.areas);
    worker = createSmsWorker(harness.services, testConfig(env), harness.log.logger, {
      now: () => now,
      batchSize: 10,
    });
  }

  /** A resident subscribing by text, as the SMS webhook would handle it. */
  async function subscribe(phone: string, place: string, lang = "en") {
    const join = lang === "es" ? "ALTA" : "JOIN";
    const yes = lang === "es" ? "SI" : "YES";
    await harness.services.smsInbound.handle(phone, `${join} ${place}`);
    await harness.services.smsInbound.handle(phone, yes);
  }
  /** Runs the sender until nothing is left to claim. */
  async function drain() {
    await harness.services.alerts.settled();
    while ((await worker.runOnce()) > 0) {}
  }
  const post = (url: string, headers: Record<string, string>, payload?: object) =>
    harness.app.inject({ method: "POST", url, headers, ...(payload ? { payload } : {}) });
  async function composeAndApprove(
    areaIds: string[],
    texts: Record<string, string> = {
      en: "CONFIRMED: agents near 26th St.",
      es: "CONFIRMADO: agentes cerca de la calle 26.",
    },
  ) {
    const composer = await harness.signInAs("dispatcher");
    const approver = await harness.signInAs("dispatcher");
    const composed = await post("/api/alerts", composer.headers, {
      kind: "activity_confirmed",
      areaIds,
      texts,
    });
    expect(composed.statusCode).toBe(201);
    const { id } = composed.json();
    const approved = await post(`/api/alerts/${id}/approve`, approver.headers);
    expect(approved.statusCode).toBe(200);
    return { id: id as string, composer, approver, alert: approved.json() };
  }
  const sentTo = () => twilio.messages.map((m) => m.to).sort();

  it("keeps the two-person rule: the composer cannot approve, a second dispatcher can, and it is signed", async () => {
    await subscribe("+13125550101", "60623");
    const composer = await harness.signInAs("dispatcher", undefined, "Ana Composer");
    const responder = await harness.signInAs("responder");
    const payload = {
      kind: "activity_confirmed",
      areaIds: ["zip:60623"],
      texts: { en: "CONFIRMED: agents at 26th and Pulaski." },
    };
    expect((await post("/api/alerts", responder.headers, payload)).statusCode).toBe(403);
    const { id } = (await post("/api/alerts", composer.headers, payload)).json();
    const own = await post(`/api/alerts/${id}/approve`, composer.headers);
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe("TWO_PERSON_RULE");
    await drain();
    expect(twilio.messages).toEqual([]);

    const pending = await harness.app.inject({
      url: `/api/alerts/${id}`,
      headers: composer.headers,
    });
    expect(pending.json()).toMatchObject({ composedByName: "Ana Composer", approvedByName: null });
    const approver = await harness.signInAs("dispatcher", undefined, "Rosa Approver");
    const approved = (await post(`/api/alerts/${id}/approve`, approver.headers)).json();
    expect(approved).toMatchObject({
      status: "sending",
      approvedBy: approver.userId,
      // Staff see who composed and who approved by name.
      composedByName: "Ana Composer",
      approvedByName: "Rosa Approver",
    });
    expect(approved.verificationCode).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
    const verified = await harness.app.inject(`/api/alerts/verify/${approved.verificationCode}`);
    expect(verified.json()).toMatchObject({ valid: true, signed: { id, areas: ["60623"] } });
    const forged = await harness.app.inject("/api/alerts/verify/ZZZZZZ");
    expect(forged.statusCode).toBe(404);
    expect(forged.json().error.code).toBe("ALERT_CODE_UNKNOWN");
    expect((await harness.app.inject("/api/alerts/public-key")).json().publicKey).toContain(
      "BEGIN PUBLIC KEY",
    );
  });

  it("texts every active subscriber of the areas, in their language, with the code, and nobody else", async () => {
    await subscribe("+13125550111", "60623");
    await subscribe("+13125550112", "South Lawndale", "es");
    await subscribe("+13125550113", "60608"); // another area
    await subscribe("+13125550114", "60623");
    await harness.services.smsInbound.handle("+13125550114", "STOP"); // opted out
    const { alert } = await composeAndApprove(["zip:60623", "community-area:south-lawndale"]);
    await drain();
    expect(sentTo()).toEqual(["+13125550111", "+13125550112"]);
    const english = twilio.messages.find((m) => m.to === "+13125550111");
    expect(english?.body).toBe(
      `CONFIRMED: agents near 26th St.\nCheck code ${alert.verificationCode} at aviso.test/now - STOP to end`,
    );
    expect(twilio.messages.find((m) => m.to === "+13125550112")?.body).toContain("CONFIRMADO");
    expect(english).toMatchObject({
      from: "+18555550100",
      validityPeriod: "1800",
      // The receipt will name the alert, and so find its delivery by key.
      statusCallback: `${TEST_PUBLIC_URL}/api/sms/twilio/status?ref=${alert.id}`,
    });
    const view = (
      await harness.app.inject({
        url: `/api/alerts/${alert.id}`,
        headers: (await harness.signInAs("admin")).headers,
      })
    ).json();
    expect(view.progress).toMatchObject({ sent: 2, queued: 0 });
    expect(view.status).toBe("sent");
  });

  it("queues each subscriber once when the fan-out runs in parts, a subscriber of two areas at the nearer", async () => {
    await harness.close();
    await open(2); // SQLite runs the rest after the nearest ring in parts of 2 subscribers
    const store = harness.services.deliveryStore;
    const parts: { after: string | null; upTo: string | null }[] = [];
    const next = store.subscriberPart;
    store.subscriberPart = async (...args) => {
      const part = await next(...args);
      parts.push(part);
      return part;
    };
    const near = ["+13125550131", "+13125550132"];
    const far = ["+13125550133", "+13125550134", "+13125550135", "+13125550136", "+13125550137"];
    for (const phone of near) await subscribe(phone, "60623");
    for (const [i, phone] of far.entries()) await subscribe(phone, i % 2 ? "60608" : "60609");
    await subscribe("+13125550138", "60601"); // not in the alert's areas
    await subscribe("+13125550139", "60608");
    await harness.services.smsInbound.handle("+13125550139", "STOP");
    // One far subscriber (active) is also in the nearest area (the web form takes several).
    const [both] = await harness.test.database.db
      .selectFrom("subscriber_areas as sa")
      .innerJoin("subscribers as s", "s.id", "sa.subscriber_id")
      .select("sa.subscriber_id")
      .where("sa.area_id", "=", "zip:60608")
      .where("s.status", "=", "active")
      .limit(1)
      .execute();
    await harness.test.database.db
      .insertInto("subscriber_areas")
      .values({ subscriber_id: both?.subscriber_id ?? "", area_id: "zip:60623" })
      .execute();

    const { id } = await composeAndApprove(["zip:60623", "zip:60608", "zip:60609"]);
    await drain();
    expect(sentTo()).toEqual([...near, ...far].sort());
    const ranks = await harness.test.database.db
      .selectFrom("deliveries")
      .select(["subscriber_id", "rank"])
      .where("alert_id", "=", id)
      .execute();
    expect(ranks.find((d) => d.subscriber_id === both?.subscriber_id)?.rank).toBe(0);
    expect(ranks.filter((d) => d.rank === 0)).toHaveLength(3);
    if (dialect === "sqlite") {
      // Nine subscribers: five parts, each starting where the one before ended.
      expect(parts).toHaveLength(5);
      expect(parts.map((p) => p.after)).toEqual([null, ...parts.slice(0, -1).map((p) => p.upTo)]);
      expect(parts.at(-1)?.upTo).toBeNull();
    } else expect(parts).toEqual([{ after: null, upTo: null }]);
  });

  it("sends nothing to a number that texted STOP after the alert was queued", async () => {
    await subscribe("+13125550121", "60623");
    await subscribe("+13125550122", "60623");
    const { id } = await composeAndApprove(["zip:60623"]);
    await harness.services.alerts.settled();
    await harness.services.smsInbound.handle("+13125550122", "STOP");
    await drain();
    expect(sentTo()).toEqual(["+13125550121"]);
    const admin = await harness.signInAs("admin");
    const receipts = (
      await harness.app.inject({ url: `/api/alerts/${id}/deliveries`, headers: admin.headers })
    ).json().deliveries;
    expect(
      receipts
        .map((r: { to: string; status: string; error: string | null }) => [r.to, r.status, r.error])
        .sort(),
    ).toEqual([
      ["(erased)", "cancelled", "opted_out"],
      ["+1 ••• ••• ••21", "sent", null],
    ]);
  });

  it("sends a retraction to exactly the subscribers the original reached", async () => {
    await subscribe("+13125550131", "60623");
    await subscribe("+13125550132", "60623");
    await subscribe("+13125550133", "60608");
    const { id, composer, approver } = await composeAndApprove(["zip:60623"]);
    await drain();
    expect(sentTo()).toEqual(["+13125550131", "+13125550132"]);
    await subscribe("+13125550134", "60623"); // joined after the alert
    await harness.services.smsInbound.handle("+13125550132", "STOP"); // left after it
    twilio.messages.length = 0;

    const retraction = await post(`/api/alerts/${id}/retract`, composer.headers, {});
    expect(retraction.statusCode).toBe(201);
    expect(retraction.json()).toMatchObject({
      kind: "retraction",
      retractsId: id,
      status: "pending_approval",
    });
    expect(retraction.json().texts.en).toContain("CORRECTION");
    await post(`/api/alerts/${retraction.json().id}/approve`, approver.headers);
    await drain();
    expect(sentTo()).toEqual(["+13125550131"]);
    expect(twilio.messages[0]?.body).toContain(
      "CORRECTION: our earlier alert about 60623 was wrong",
    );

    // The public page shows the correction, not the retracted alert.
    const page = (await harness.app.inject("/now/en/")).body;
    expect(page).toContain("CORRECTION");
    expect(page).not.toContain("CONFIRMED: agents near 26th St.");
  });

  it("cancels mid-send: what was queued is cancelled, nothing more goes out", async () => {
    for (let i = 0; i < 25; i++) await subscribe(`+1312555${String(1400 + i)}`, "60623");
    const { id, approver } = await composeAndApprove(["zip:60623"]);
    await harness.services.alerts.settled();
    expect(await worker.runOnce()).toBe(10);
    const cancelled = (await post(`/api/alerts/${id}/cancel`, approver.headers)).json();
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.progress).toMatchObject({ sent: 10, cancelled: 15, queued: 0 });
    await drain();
    expect(twilio.messages).toHaveLength(10);
  });

  it("sends with its loops running, and a stop gives back the batches it had claimed ahead", async () => {
    const phones = Array.from({ length: 80 }, (_, i) => `+1312555${String(1500 + i)}`);
    for (const phone of phones) await subscribe(phone, "60623");
    const { id } = await composeAndApprove(["zip:60623"]);
    await harness.services.alerts.settled();
    twilio.delayMs = 20; // a slow provider, so the stop comes mid-send
    worker.start();
    while (twilio.messages.length < 5) await new Promise((resolve) => setTimeout(resolve, 10));
    await worker.stop();
    twilio.delayMs = 0;
    const progress = (await harness.services.alerts.get(id)).progress;
    expect(progress.sending ?? 0).toBe(0);
    expect(progress.sent).toBe(twilio.messages.length);
    expect((progress.sent ?? 0) + (progress.queued ?? 0)).toBe(phones.length);
    await drain();
    expect(twilio.messages.map((m) => m.to).sort()).toEqual([...phones].sort());
  });

  it("keeps enough messages in flight for its rate when the provider answers slowly, and no more", async () => {
    const phones = Array.from({ length: 40 }, (_, i) => `+1312555${String(1700 + i)}`);
    for (const phone of phones) await subscribe(phone, "60623");
    await composeAndApprove(["zip:60623"]);
    await harness.services.alerts.settled();
    // 40 msg/s against answers 300 ms late needs about 12 in flight; one per loop would be 4.
    // One loop claims all 40 (a small alert): the places in flight are every loop's to use.
    const paced = createSmsWorker(harness.services, testConfig(env), harness.log.logger, {
      now: () => now,
      batchSize: 40,
      ratePerSecond: 40,
    });
    expect(paced.concurrency).toBe(20);
    twilio.delayMs = 300;
    twilio.peakInFlight = 0;
    paced.start();
    try {
      await expect.poll(() => twilio.messages.length, { timeout: 10_000 }).toBe(phones.length);
    } finally {
      await paced.stop();
      twilio.delayMs = 0;
    }
    expect(twilio.peakInFlight).toBeGreaterThan(5); // more than a quarter of the 20 places
    expect(twilio.peakInFlight).toBeLessThanOrEqual(paced.concurrency);
    expect(sentTo()).toEqual([...phones].sort());
  });

  it("starts no more of a batch once one of its messages fails, and the batch returns after its lease", async () => {
    const phones = Array.from({ length: 10 }, (_, i) => `+1312555${String(1800 + i)}`);
    for (const phone of phones) await subscribe(phone, "60623");
    const { id } = await composeAndApprove(["zip:60623"]);
    await harness.services.alerts.settled();
    let composed = 0;
    const failing = new DeliveryWorker(
      harness.services.deliveryStore,
      harness.services.crypto,
      {
        channel: "sms",
        provider: smsProvider(testConfig(env), harness.services.outbox),
        compose: () => {
          if (++composed === 3) throw new Error("the third message could not be composed");
          return { body: "CONFIRMED: agents near 26th St." };
        },
        ratePerSecond: 4, // two in flight for its one loop
        loops: 1,
        batchSize: 10,
        leaseSeconds: 60,
        maxAttempts: 5,
        pollMs: 50,
        publicUrl: TEST_PUBLIC_URL,
        now: () => now,
      },
      harness.log.logger,
    );
    expect(failing.concurrency).toBe(2);
    await expect(failing.runOnce()).rejects.toThrow("the third message could not be composed");
    // The two in flight when the third failed went out; the other seven were never started.
    expect(twilio.messages).toHaveLength(2);
    expect((await harness.services.alerts.get(id)).progress).toMatchObject({ sending: 10 });
    now = new Date(now.getTime() + 61_000); // the lease has lapsed: another sender takes it
    await drain();
    expect((await harness.services.alerts.get(id)).progress).toMatchObject({ sent: 10 });
    expect(new Set(sentTo())).toEqual(new Set(phones));
    expect(twilio.messages).toHaveLength(12); // the two in flight, twice: what a failure repeats
  });

  it("finishes an alert once its loops have sent it, or once queued with nobody to send to, and idle loops stop asking", async () => {
    for (const phone of ["+13125551601", "+13125551602", "+13125551603"])
      await subscribe(phone, "60623");
    const store = harness.services.deliveryStore;
    let asked = 0;
    const counted = createSmsWorker(
      {
        ...harness.services,
        deliveryStore: {
          ...store,
          finishDone: (at: string) => {
            asked++;
            return store.finishDone(at);
          },
        },
      },
      testConfig(env),
      harness.log.logger,
      { now: () => now, batchSize: 2, pollMs: 10 },
    );
    const statusOf = async (id: string) => (await harness.services.alerts.get(id)).status;
    counted.start();
    try {
      const sent = await composeAndApprove(["zip:60623"]);
      await expect.poll(() => statusOf(sent.id), { timeout: 2000 }).toBe("sent");
      expect(sentTo()).toHaveLength(3);
      // Idle now: each loop polls every 10 ms, and none asks again with nothing new.
      const before = asked;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(asked).toBe(before);
      // Nobody subscribed here: no delivery is ever recorded; the end of its fan-out wakes them.
      const empty = await composeAndApprove(["zip:60601"]);
      await expect.poll(() => statusOf(empty.id), { timeout: 2000 }).toBe("sent");
      expect(asked - before).toBeLessThanOrEqual(8); // a wake per fan-out statement, at most
    } finally {
      await counted.stop();
    }
  });

  it("claims the nearest first, takes over a lapsed lease first, and records a batch of mixed alerts and outcomes", async () => {
    for (const phone of ["+13125550301", "+13125550302", "+13125550303"])
      await subscribe(phone, "60623");
    await subscribe("+13125550304", "60608"); // farther from the alert's first area
    const near = await composeAndApprove(["zip:60608", "zip:60623"], { en: "Near." });
    await harness.services.alerts.settled();
    const store = harness.services.deliveryStore;
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
    const phoneOf = (d: { contact?: string; contact_enc: string | null }) =>
      d.contact ?? harness.services.crypto.decrypt(d.contact_enc ?? "", CONTACT_CONTEXT);

    // The first alert's first area is 60608: its subscriber is ring 0, then 60623's.
    const first = await store.claim("sms", 2, at(0), at(1));
    expect(first.map((d) => [d.alert_id, phoneOf(d), d.attempts, d.subscriber_status])).toEqual([
      [near.id, "+13125550304", 1, "active"],
      [near.id, expect.stringMatching(/^\+1312555030[123]$/), 1, "active"],
    ]);
    // Another alert's first area is ring 0 too: its delivery comes before the first's ring 1.
    const far = await composeAndApprove(["zip:60608"], { en: "Far." });
    await harness.services.alerts.settled();
    // Two minutes on, those two leases have lapsed: taken over before anything else still
    // queued (the batch goes out nearest first).
    const second = await store.claim("sms", 3, at(2), at(3));
    const [lapsedNear, lapsedFar] = first;
    expect(second.map((d) => [d.alert_id, d.subscriber_id, d.attempts])).toEqual([
      [near.id, lapsedNear?.subscriber_id, 2],
      [far.id, lapsedNear?.subscriber_id, 1],
      [near.id, lapsedFar?.subscriber_id, 2],
    ]);
    const rest = await store.claim("sms", 10, at(2), at(3));
    expect(rest.map((d) => d.alert_id)).toEqual([near.id, near.id]);
    const claimed = [...second, ...rest];
    expect(claimed).toHaveLength(5);
    expect(await store.claim("sms", 10, at(2), at(3))).toEqual([]);

    // A receipt that came before the record is never undone.
    const [sent, retried, failed, early] = claimed.filter((d) => d.alert_id === near.id);
    const farOne = claimed.find((d) => d.alert_id === far.id);
    if (!sent || !retried || !failed || !early || !farOne) throw new Error("missing deliveries");
    const db = harness.test.database.db;
    await db
      .updateTable("deliveries")
      .set({ status: "delivered" })
      .where("alert_id", "=", early.alert_id)
      .where("subscriber_id", "=", early.subscriber_id)
      .execute();
    const key = (d: { alert_id: string; subscriber_id: string }) => ({
      alert_id: d.alert_id,
      subscriber_id: d.subscriber_id,
    });
    await store.record(
      [
        { ...key(sent), outcome: { kind: "sent", providerId: "SM-sent" } },
        { ...key(retried), outcome: { kind: "retry", at: at(9), error: "http-429" } },
        { ...key(failed), outcome: { kind: "failed", error: "http-400-21211" } },
        { ...key(early), outcome: { kind: "sent", providerId: "SM-early" } },
        { ...key(farOne), outcome: { kind: "cancelled", error: "alert_cancelled" } },
      ],
      at(3),
    );
    const rows = await db
      .selectFrom("deliveries")
      .select([
        "alert_id",
        "subscriber_id",
        "status",
        "provider_id",
        "error",
        "next_attempt_at",
        "sent_at",
        "lease_until",
      ])
      .execute();
    const row = (d: { alert_id: string; subscriber_id: string }) =>
      rows.find((r) => r.alert_id === d.alert_id && r.subscriber_id === d.subscriber_id);
    expect(row(sent)).toMatchObject({
      status: "sent",
      provider_id: "SM-sent",
      error: null,
      sent_at: at(3),
      lease_until: null,
    });
    expect(row(retried)).toMatchObject({
      status: "queued",
      provider_id: null,
      error: "http-429",
      next_attempt_at: at(9),
      sent_at: null,
      lease_until: null,
    });
    expect(row(failed)).toMatchObject({ status: "failed", error: "http-400-21211", sent_at: null });
    expect(row(early)).toMatchObject({ status: "delivered", provider_id: null });
    expect(row(farOne)).toMatchObject({ status: "cancelled", error: "alert_cancelled" });
    // The retry is claimed again only once its time has come.
    expect(await store.claim("sms", 10, at(8), at(9))).toEqual([]);
    expect((await store.claim("sms", 10, at(9), at(10))).map(key)).toEqual([key(retried)]);
  });

  it("takes over a dead sender's lapsed claims at most a quarter lease after they lapse", async () => {
    const phones = ["+13125550311", "+13125550312", "+13125550313"];
    for (const phone of phones) await subscribe(phone, "60623");
    await composeAndApprove(["zip:60623"]);
    await harness.services.alerts.settled();
    const start = now.getTime();
    const at = (seconds: number) => new Date(start + seconds * 1000);
    // Another sender claims two, with the configured minute's lease, and dies.
    const dead = await harness.services.deliveryStore.claim(
      "sms",
      2,
      at(0).toISOString(),
      at(60).toISOString(),
    );
    expect(dead).toHaveLength(2);
    expect(await worker.runOnce()).toBe(1); // the third; nothing has lapsed
    now = at(50);
    expect(await worker.runOnce()).toBe(0); // it looked again: still nothing lapsed
    now = at(61);
    expect(await worker.runOnce()).toBe(0); // lapsed, but it looked 11 s ago
    now = at(65);
    expect(await worker.runOnce()).toBe(2); // a quarter lease (15 s) after it last looked
    expect(sentTo()).toEqual([...phones].sort());
  });

  it("retries after a 429 with back-off, gives up on a refused number, and records receipts from the signed status webhook", async () => {
    await subscribe("+13125550141", "60623");
    const { id } = await composeAndApprove(["zip:60623"]);
    twilio.failNext(429, 1);
    await drain();
    expect(twilio.messages).toHaveLength(0);
    now = new Date(now.getTime() + 60_000); // past the back-off
    await drain();
    expect(twilio.messages).toHaveLength(1);
    const sid = twilio.messages[0]?.sid ?? "";

    // Twilio calls back the URL it was given (naming the alert) with what it knows.
    const url = twilio.messages[0]?.statusCallback ?? "";
    expect(url).toBe(`${TEST_PUBLIC_URL}/api/sms/twilio/status?ref=${id}`);
    const receipt = {
      MessageSid: sid,
      MessageStatus: "delivered",
      AccountSid: twilio.accountSid,
      To: "+13125550141",
      From: "+18555550100",
    };
    const callback = (signature: string, params: Record<string, string> = receipt) =>
      harness.app.inject({
        method: "POST",
        url: url.slice(TEST_PUBLIC_URL.length),
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": signature,
        },
        payload: new URLSearchParams(params).toString(),
      });
    expect((await callback("forged")).statusCode).toBe(403);
    // Signed for another alert's URL: refused, so a receipt cannot be pointed elsewhere.
    const elsewhere = `${TEST_PUBLIC_URL}/api/sms/twilio/status?ref=another-alert`;
    expect((await callback(twilioSignature(TOKEN, elsewhere, receipt))).statusCode).toBe(403);
    // Signed, but about another message id or another number: it changes nothing.
    for (const other of [
      { ...receipt, MessageSid: "SM0000" },
      { ...receipt, To: "+13125550199" },
    ])
      expect((await callback(twilioSignature(TOKEN, url, other), other)).statusCode).toBe(204);
    const admin = await harness.signInAs("admin");
    const before = (
      await harness.app.inject({ url: `/api/alerts/${id}`, headers: admin.headers })
    ).json();
    expect(before.progress).toMatchObject({ sent: 1 });
    expect((await callback(twilioSignature(TOKEN, url, receipt))).statusCode).toBe(204);
    const view = (
      await harness.app.inject({ url: `/api/alerts/${id}`, headers: admin.headers })
    ).json();
    expect(view.progress).toMatchObject({ delivered: 1 });

    await subscribe("+13125550142", "60608");
    const second = await composeAndApprove(["zip:60608"]);
    twilio.failNext(400, 1);
    await drain();
    const failed = (
      await harness.app.inject({
        url: `/api/alerts/${second.id}/deliveries`,
        headers: admin.headers,
      })
    ).json().deliveries;
    expect(failed).toEqual([
      expect.objectContaining({ status: "failed", error: "http-400-21211", attempts: 1 }),
    ]);
  });

  it("shows a sent alert on the public page with its code and signature until it expires", async () => {
    await subscribe("+13125550151", "60623");
    const { alert } = await composeAndApprove(["zip:60623"]);
    await drain();
    const page = (await harness.app.inject("/now/es/")).body;
    expect(page).toContain("CONFIRMADO: agentes cerca de la calle 26.");
    expect(page).toContain(`Code ${alert.verificationCode}`);
    expect(page).toContain(alert.signature);
    now = new Date(now.getTime() + 7 * 3_600_000);
    expect((await harness.app.inject("/now/es/")).body).not.toContain("CONFIRMADO");
  });

  it("estimates recipients, SMS segments per language, time and cost before sending", async () => {
    await subscribe("+13125550161", "60623");
    await subscribe("+13125550162", "60623", "es");
    await subscribe("+13125550163", "60623", "es");
    const dispatcher = await harness.signInAs("dispatcher");
    const draft = (
      await post("/api/alerts/draft", dispatcher.headers, {
        kind: "rumor_false",
        areaIds: ["zip:60623"],
        languages: ["en", "es"],
        window: "today 2-4 pm",
      })
    ).json().texts;
    expect(draft.en).toBe(
      "FALSE: the report of immigration agents in 60623, today 2-4 pm, was checked and is not true. Please do not share it. Help: 1-855-435-7693",
    );
    const estimate = (
      await post("/api/alerts/estimate", dispatcher.headers, {
        areaIds: ["zip:60623"],
        texts: draft,
      })
    ).json();
    expect(estimate).toMatchObject({ total: 3, recipients: [{ channel: "sms", n: 3 }] });
    expect(estimate.languages).toEqual([
      expect.objectContaining({ lang: "en", n: 1, encoding: "GSM-7", segments: 2 }),
      expect.objectContaining({ lang: "es", n: 2 }),
    ]);
    const es = estimate.languages[1].segments;
    expect(estimate.segments).toBe(2 + 2 * es);
    expect(estimate.cost).toBeGreaterThan(0);

    // Twenty email subscribers in Spanish: no SMS segments or cost, and email's own rate
    // (10 a second by default) sets the time: 2 s, while the SMS go out in one.
    const at = now.toISOString();
    for (let i = 0; i < 20; i++) {
      const id = `email-subscriber-${i}`;
      await harness.test.database.db
        .insertInto("subscribers")
        .values({
          id,
          channel: "email",
          contact_enc: "sealed",
          contact_index: `index-${i}`,
          language: "es",
          status: "active",
          created_at: at,
          confirmed_at: at,
          stopped_at: null,
          confirm_code_hash: null,
          confirm_expires_at: null,
          confirm_attempts: 0,
        })
        .execute();
      await harness.test.database.db
        .insertInto("subscriber_areas")
        .values({ subscriber_id: id, area_id: "zip:60623" })
        .execute();
    }
    const withEmail = (
      await post("/api/alerts/estimate", dispatcher.headers, {
        areaIds: ["zip:60623"],
        texts: draft,
      })
    ).json();
    expect(withEmail.total).toBe(23);
    expect(withEmail.languages[1]).toMatchObject({ lang: "es", n: 2 });
    expect(withEmail).toMatchObject({
      segments: estimate.segments,
      cost: estimate.cost,
      seconds: 2,
    });
  });

  it("refuses a bad alert with a clear error and stores nothing", async () => {
    const dispatcher = await harness.signInAs("dispatcher");
    for (const [payload, code] of [
      [{ kind: "activity_confirmed", areaIds: [], texts: { en: "x" } }, "VALIDATION_FAILED"],
      [{ kind: "retraction", areaIds: ["zip:60623"], texts: { en: "x" } }, "VALIDATION_FAILED"],
      [{ kind: "activity_confirmed", areaIds: ["zip:99999"], texts: { en: "x" } }, "AREA_UNKNOWN"],
      [{ kind: "activity_confirmed", areaIds: ["zip:60623"], texts: {} }, "VALIDATION_FAILED"],
      [
        { kind: "activity_confirmed", areaIds: ["zip:60623"], texts: { xx: "x" } },
        "VALIDATION_FAILED",
      ],
    ] as const) {
      const response = await post("/api/alerts", dispatcher.headers, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe(code);
    }
    expect(
      (await harness.app.inject({ url: "/api/alerts", headers: dispatcher.headers })).json().alerts,
    ).toEqual([]);
  });
});
