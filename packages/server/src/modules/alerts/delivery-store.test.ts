import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/databases.ts";
import { FieldCrypto } from "../../crypto/field-crypto.ts";
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
    for (const { id, contact_enc } of subscribers) {
      await test.database.db
        .insertInto("subscribers")
        .values({
          id,
          channel: "sms",
          contact_enc,
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
        .values({
          alert_id: "alert-1",
          subscriber_id: id,
          channel: "sms",
          language: "en",
          rank: 0,
          status: "queued",
          attempts: 0,
          next_attempt_at: NOW,
          lease_until: null,
          provider_id: null,
          error: null,
          sent_at: null,
          updated_at: NOW,
        })
        .execute();
    }
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
