import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Transaction } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_POSTGRES_URL,
  type TestDatabase,
} from "../../../test/databases.ts";
import { FieldCrypto } from "../../crypto/field-crypto.ts";
import type { Database, DeliveriesTable } from "../../db/schema.ts";
import { CONTACT_CONTEXT } from "../subscriptions/phone.ts";
import { type AlertRow, AlertsRepository } from "./alerts.repository.ts";
import { type DeliveryStore, openDeliveryStore } from "./delivery-store.ts";

const NOW = "2026-11-28T15:00:00.000Z";

/** An alert whose fan-out is done and whose deliveries are all gone: `finishDone` marks it sent. */
const finishedAlert = (id: string): AlertRow => ({
  id,
  kind: "announcement",
  status: "sending",
  area_ids: "[]",
  origin_cell: null,
  texts: '{"en":"test"}',
  retracts_id: null,
  composed_by: "staff-1",
  approved_by: "staff-2",
  created_at: NOW,
  approved_at: NOW,
  expires_at: "2026-11-28T21:00:00.000Z",
  signature: null,
  verification_code: null,
  fanout_done_at: NOW,
  cancelled_at: null,
  finished_at: null,
});

/** One SMS subscriber's delivery of an alert, in the given state. */
const deliveryRow = (alert_id: string, subscriber_id: string, status: string): DeliveriesTable => ({
  alert_id,
  subscriber_id,
  channel: "sms",
  language: "en",
  rank: 0,
  status,
  attempts: status === "queued" ? 0 : 1,
  next_attempt_at: NOW,
  lease_until: status === "sending" ? "2026-11-28T15:01:00.000Z" : null,
  provider_id: null,
  error: null,
  sent_at: null,
  updated_at: NOW,
});

/** A subscriber and its delivery of an alert, in the given state. */
async function subscriberWithDelivery(
  test: TestDatabase,
  id: string,
  delivery: { alert_id: string; status: string; contact_enc?: string | null },
): Promise<void> {
  await test.database.db
    .insertInto("subscribers")
    .values({
      id,
      channel: "sms",
      contact_enc: delivery.contact_enc ?? null,
      contact_index: null,
      language: "en",
      status: "active",
      created_at: NOW,
      confirmed_at: NOW,
      stopped_at: null,
      confirm_code_hash: null,
      confirm_expires_at: null,
      confirm_attempts: 0,
    })
    .execute();
  await test.database.db
    .insertInto("deliveries")
    .values(deliveryRow(delivery.alert_id, id, delivery.status))
    .execute();
}

describe("the deliveries store on an SQLite file", () => {
  let dir: string;
  let test: TestDatabase;
  let repository: AlertsRepository;
  let store: DeliveryStore & { close(): Promise<void> };
  let crypto: FieldCrypto;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "aviso-store-"));
    test = await createTestDatabase("sqlite", { sqliteFile: path.join(dir, "aviso.db") });
    repository = new AlertsRepository(test.database);
    crypto = await FieldCrypto.create(randomBytes(32));
    store = openDeliveryStore(test.database, repository, crypto);
    await store.turn(); // the thread is up
  });
  afterEach(async () => {
    await store.close();
    await test.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lets a transaction here read and then write while the store's thread writes the same file", async () => {
    await repository.insert(finishedAlert("alert-1"));
    let threadWrote: Promise<number> | undefined;
    await test.database.db.transaction().execute(async (trx) => {
      expect(await trx.selectFrom("alerts").select("id").execute()).toHaveLength(1);
      // The thread writes now. Had this transaction begun DEFERRED, the thread would commit
      // first and the insert below would fail at once with SQLITE_BUSY (a stale snapshot);
      // begun IMMEDIATE, it holds the write lock and the thread waits for the commit.
      threadWrote = store.finishDone(NOW);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await trx.insertInto("alerts").values(finishedAlert("alert-2")).execute();
    });
    // The thread's write came after the commit: it saw both alerts and finished both.
    expect(await threadWrote).toBe(2);
    const rows = await repository.findMany(["alert-1", "alert-2"]);
    expect(rows.map((row) => row.status)).toEqual(["sent", "sent"]);
  });

  it("answers in the order it was asked, and passes SQLite's errors back by name", async () => {
    await repository.insert(finishedAlert("alert-1"));
    const order: string[] = [];
    await Promise.all([
      store.claim("sms", 10, NOW, NOW).then(() => order.push("claim")),
      store.finishDone(NOW).then(() => order.push("finishDone")),
      store.turn().then(() => order.push("turn")),
    ]);
    expect(order).toEqual(["claim", "finishDone", "turn"]);

    const bare = await createTestDatabase("sqlite", {
      migrate: false,
      sqliteFile: path.join(dir, "bare.db"),
    });
    const unmigrated = openDeliveryStore(
      bare.database,
      new AlertsRepository(bare.database),
      crypto,
    );
    try {
      await expect(unmigrated.finishDone(NOW)).rejects.toMatchObject({
        message: expect.stringContaining("no such table: alerts"),
        code: "SQLITE_ERROR",
      });
    } finally {
      await unmigrated.close();
      await bare.cleanup();
    }
  });

  it("opens each claimed contact on its thread, and leaves one it cannot open sealed", async () => {
    await repository.insert({ ...finishedAlert("alert-1"), fanout_done_at: null });
    const stranger = await FieldCrypto.create(randomBytes(32));
    const subscribers = [
      { id: "sub-ours", contact_enc: crypto.encrypt("+13125550101", CONTACT_CONTEXT) },
      { id: "sub-other-key", contact_enc: stranger.encrypt("+13125550102", CONTACT_CONTEXT) },
    ];
    for (const { id, contact_enc } of subscribers)
      await subscriberWithDelivery(test, id, {
        alert_id: "alert-1",
        status: "queued",
        contact_enc,
      });
    const claimed = await store.claim("sms", 10, NOW, "2026-11-28T15:01:00.000Z");
    const bySubscriber = new Map(claimed.map((d) => [d.subscriber_id, d]));
    expect(bySubscriber.get("sub-ours")).toMatchObject({
      contact: "+13125550101",
      contact_enc: null,
      subscriber_status: "active",
    });
    // Sealed with a key this installation does not have: left for the sender, which fails it.
    expect(bySubscriber.get("sub-other-key")).toMatchObject({
      contact_enc: subscribers[1]?.contact_enc,
    });
    expect(bySubscriber.get("sub-other-key")).not.toHaveProperty("contact");
  });
});

describe.runIf(TEST_POSTGRES_URL)("the deliveries store on PostgreSQL", () => {
  let test: TestDatabase;
  let store: DeliveryStore & { close(): Promise<void> };
  beforeEach(async () => {
    test = await createTestDatabase("postgres");
    const repository = new AlertsRepository(test.database);
    store = openDeliveryStore(test.database, repository, await FieldCrypto.create(randomBytes(32)));
    await store.turn(); // the thread is up
    await repository.insert({ ...finishedAlert("alert-1"), fanout_done_at: null });
    await repository.insert({ ...finishedAlert("retraction-1"), fanout_done_at: null });
    await subscriberWithDelivery(test, "sub-sent", { alert_id: "alert-1", status: "sending" });
    await subscriberWithDelivery(test, "sub-queued", { alert_id: "alert-1", status: "queued" });
  });
  afterEach(async () => {
    await store.close();
    await test.cleanup();
  });

  /** Runs `inside` while this test holds a transaction open, then commits it. */
  async function holding(
    hold: (trx: Transaction<Database>) => Promise<unknown>,
    inside: () => Promise<void>,
  ): Promise<void> {
    await test.database.db.transaction().execute(async (trx) => {
      await hold(trx);
      await inside();
    });
  }

  it("answers the senders' claims and records one at a time in the order asked, and the rest beside them", async () => {
    const order: string[] = [];
    let recording: Promise<unknown> | undefined;
    let claiming: Promise<unknown> | undefined;
    // A lock here holds up the record of the delivery it locks. Had the senders' calls run at
    // once, the claim asked after it would answer first (it skips locked rows).
    await holding(
      (trx) =>
        trx
          .selectFrom("deliveries")
          .select("subscriber_id")
          .where("subscriber_id", "=", "sub-sent")
          .forUpdate()
          .execute(),
      async () => {
        recording = store
          .record(
            [
              {
                alert_id: "alert-1",
                subscriber_id: "sub-sent",
                outcome: { kind: "sent", providerId: "SM1" },
              },
            ],
            NOW,
          )
          .then(() => order.push("record"));
        claiming = store
          .claim("sms", 10, NOW, "2026-11-28T15:01:00.000Z", false)
          .then((claimed) => order.push(`claim ${claimed.map((d) => d.subscriber_id)}`));
        // finishDone, which idle loops of every channel may ask, does not wait its turn.
        expect(await store.finishDone(NOW)).toBe(0);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(order).toEqual([]);
      },
    );
    await Promise.all([recording, claiming]);
    expect(order).toEqual(["record", "claim sub-queued"]);

    // A retraction's fan-out held up (this transaction inserted the same delivery first) does
    // not hold up a sender's call.
    let fanningOut: Promise<number> | undefined;
    await holding(
      (trx) =>
        trx
          .insertInto("deliveries")
          .values(deliveryRow("retraction-1", "sub-sent", "cancelled"))
          .execute(),
      async () => {
        fanningOut = store.fanOutRetraction("retraction-1", "alert-1", NOW);
        await new Promise((resolve) => setTimeout(resolve, 300));
        // A claim is answered while the fan-out waits (nothing is queued that it may take).
        expect(await store.claim("sms", 10, NOW, "2026-11-28T15:01:00.000Z", false)).toEqual([]);
      },
    );
    expect(await fanningOut).toBe(1); // sub-queued's, now sending; sub-sent's was here first
  });
});
