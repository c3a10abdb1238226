import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import {
  createTestCrypto,
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../../test/databases.ts";
import { AuditRepository } from "./audit.repository.ts";
import { AuditService, SYSTEM } from "./audit.service.ts";

describe.each(TEST_DIALECTS)("audit trail on %s", (dialect) => {
  let test: TestDatabase;
  afterEach(() => test.cleanup());

  async function withEntries(count: number) {
    test = await createTestDatabase(dialect);
    const crypto = await createTestCrypto();
    const audit = new AuditService(new AuditRepository(test.database), crypto);
    for (let i = 1; i <= count; i++) {
      await audit.record({
        actor: { id: `user-${i}`, role: "dispatcher" },
        action: "staff.read",
        reason: "test",
        subject: { type: "staff_user", id: `u${i}` },
        details: { i },
      });
    }
    return { audit, crypto };
  }

  it("chains entries in order and verifies an untouched trail", async () => {
    const { audit } = await withEntries(5);
    expect(await audit.verify()).toEqual({ ok: true, count: 5 });
    const latest = await audit.latest({ limit: 2 });
    expect(latest.map((e) => e.seq)).toEqual([5, 4]);
    expect(latest[0]).toMatchObject({
      actorId: "user-5",
      action: "staff.read",
      reason: "test",
      details: { i: 5 },
    });
  });

  it("appends without gaps when many writers race", async () => {
    const { audit } = await withEntries(0);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit.record({ actor: SYSTEM, action: "test.race", details: { i } }),
      ),
    );
    expect(await audit.verify()).toEqual({ ok: true, count: 20 });
  });

  it("names the first altered, removed or re-sealed row", async () => {
    const { audit } = await withEntries(6);
    await sql`update audit_events set details = '{"i":99}' where seq = 3`.execute(test.database.db);
    expect(await audit.verify()).toMatchObject({ ok: false, seq: 3, problem: "row 3 was altered" });

    // Someone without the key cannot re-seal it: a plain SHA-256 in its place still fails.
    await sql`update audit_events set hash = '${sql.raw("f".repeat(64))}' where seq = 3`.execute(
      test.database.db,
    );
    expect(await audit.verify()).toMatchObject({ ok: false, seq: 3 });

    await sql`delete from audit_events where seq = 2`.execute(test.database.db);
    expect(await audit.verify()).toMatchObject({
      ok: false,
      seq: 2,
      problem: "row 2 is missing (next is 3)",
    });
  });

  it("refuses a trail checked with another installation's key", async () => {
    await withEntries(2);
    const stranger = new AuditService(new AuditRepository(test.database), await createTestCrypto());
    expect(await stranger.verify()).toMatchObject({ ok: false, seq: 1 });
  });
});
