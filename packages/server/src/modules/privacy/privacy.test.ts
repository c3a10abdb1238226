import { afterEach, describe, expect, it } from "vitest";
import { testConfig } from "../../../test/app.ts";
import {
  createTestCrypto,
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../../test/databases.ts";
import { createServices } from "../../main.ts";
import { SYSTEM } from "../audit/audit.service.ts";

describe.each(TEST_DIALECTS)("data inventory and retention on %s", (dialect) => {
  let test: TestDatabase;
  afterEach(() => test.cleanup());

  it("counts what is held, and purges ended sessions after the retention period (dry run first)", async () => {
    test = await createTestDatabase(dialect);
    let now = new Date("2026-10-01T12:00:00Z");
    const services = createServices(
      test.database,
      await createTestCrypto(),
      testConfig({ AVISO_RETENTION_ENDED_SESSIONS_DAYS: "30" }),
      () => now,
    );
    const { user } = await services.users.addUser(
      { email: "a@staff.aviso.invalid", name: "A", role: "admin" },
      SYSTEM,
    );
    await services.users.setCredentials(
      user.id,
      "a long enough password",
      "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    );
    await services.sessions.create(user.id, "admin", "test");
    const live = await services.sessions.create(user.id, "admin", "test");
    await services.sessions.revoke(live.identity, live.identity.sessionId);
    await services.outbox.send({
      channel: "sms",
      to: "+13125550100",
      body: "Aviso: your code is 123456.",
    });

    const inventory = await services.privacy.dataInventory();
    const byCategory = Object.fromEntries(inventory.map((c) => [c.category, c]));
    expect(byCategory["Staff accounts"]).toMatchObject({
      records: 1,
      oldest: "2026-10-01T12:00:00.000Z",
    });
    expect(byCategory["Staff sign-in sessions"]?.records).toBe(2);
    expect(byCategory["Staff sign-in sessions"]?.retention).toContain("30 days");
    expect(byCategory["Alert subscribers"]?.records).toBe(0);
    expect(byCategory["Local outbox (development and demos)"]?.records).toBe(1);
    expect(JSON.stringify(inventory)).not.toContain("123456");
    expect(byCategory["Alert subscribers"]?.retention).toContain("texts STOP");
    expect(JSON.stringify(inventory)).not.toContain("a@staff");

    expect(
      (await services.privacy.purge({ dryRun: true, actor: SYSTEM })).removed[0]?.records,
    ).toBe(0);
    now = new Date("2026-11-15T12:00:00Z"); // 45 days on: both sessions ended (revoked; expired) over 30 days ago
    const dry = await services.privacy.purge({ dryRun: true, actor: SYSTEM });
    expect(dry.removed.map((r) => r.records)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect((await services.sessions.inventory()).sessions.count).toBe(2);
    const done = await services.privacy.purge({ dryRun: false, actor: SYSTEM });
    expect(done.removed.map((r) => r.records)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(await services.outbox.latest()).toEqual([]);
    expect((await services.sessions.inventory()).sessions.count).toBe(0);
    expect((await services.audit.latest({ limit: 1 }))[0]?.action).toBe("privacy.purged");
  });
});
