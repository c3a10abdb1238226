import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { testConfig } from "../../../test/app.ts";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "../../../test/databases.ts";
import { FieldCrypto } from "../../crypto/field-crypto.ts";
import { createServices } from "../../main.ts";
import { SYSTEM } from "../audit/audit.service.ts";
import { InstanceRepository } from "../instance/instance.repository.ts";
import { InstanceService } from "../instance/instance.service.ts";
import { ENCRYPTED_COLUMNS } from "./encrypted-columns.ts";
import { KeysRepository } from "./keys.repository.ts";

describe.each(TEST_DIALECTS)("key rotation on %s", (dialect) => {
  let test: TestDatabase;
  afterEach(() => test.cleanup());

  it("moves every field to the new key, resumes after a crash, and keeps lookups and the audit chain", async () => {
    test = await createTestDatabase(dialect);
    const oldKey = randomBytes(32);
    const before = createServices(test.database, await FieldCrypto.create(oldKey), testConfig());
    await new InstanceService(
      new InstanceRepository(test.database.db),
      await FieldCrypto.create(oldKey),
    ).checkMasterKey();
    for (let i = 0; i < 5; i++) {
      const { user } = await before.users.addUser(
        { email: `p${i}@staff.aviso.invalid`, name: `Person ${i}`, role: "responder" },
        SYSTEM,
      );
      await before.users.setCredentials(
        user.id,
        "a long enough password",
        "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
      );
    }

    const rotated = await FieldCrypto.create(randomBytes(32), [oldKey]);
    const after = createServices(test.database, rotated, testConfig());
    expect(await after.keys.countStale()).toBe(16); // 5 × (email, name, TOTP secret) + the key check

    // A crash after one batch of one: the next run carries on.
    const prefix = `v1:${rotated.keyId}:`;
    await new KeysRepository(test.database.db).rotateBatch(ENCRYPTED_COLUMNS[0], prefix, 1, (v) =>
      rotated.encrypt(rotated.decrypt(v, "staff_users.email"), "staff_users.email"),
    );
    expect(await after.keys.countStale()).toBe(15);
    const progress: number[] = [];
    expect(await after.keys.rotate(SYSTEM, (done) => progress.push(done))).toEqual({ rotated: 15 });
    expect(progress.at(-1)).toBe(15);
    expect(await after.keys.countStale()).toBe(0);

    const stored = await sql<{ email_enc: string }>`select email_enc from staff_users`.execute(
      test.database.db,
    );
    expect(stored.rows.every((row) => row.email_enc.startsWith(prefix))).toBe(true);
    expect(await after.users.findIdByEmail("p3@staff.aviso.invalid")).toBeDefined();
    expect((await after.users.listUsers(SYSTEM, "test")).map((u) => u.name).sort()[0]).toBe(
      "Person 0",
    );
    expect(await after.audit.verify()).toMatchObject({ ok: true });
    // Only the new key is needed from now on to read fields (the ring keeps the first for indexes).
    const newOnly = await FieldCrypto.create(randomBytes(32));
    expect(() => newOnly.decrypt(stored.rows[0]?.email_enc ?? "", "staff_users.email")).toThrow();
  });

  // The schema is the same on both databases; SQLite's pragma_table_info lists it simplest.
  it.runIf(dialect === "sqlite")("lists every *_enc column of the schema", async () => {
    test = await createTestDatabase(dialect);
    const tables = await test.database.listTables();
    const encrypted: string[] = [];
    for (const table of tables) {
      const columns = await sql<{
        name: string;
      }>`select name from pragma_table_info(${table})`.execute(test.database.db);
      for (const { name } of columns.rows)
        if (name.endsWith("_enc")) encrypted.push(`${table}.${name}`);
    }
    const listed = ENCRYPTED_COLUMNS.filter((c) => c.column.endsWith("_enc")).map(
      (c) => `${c.table}.${c.column}`,
    );
    expect(listed.sort()).toEqual(encrypted.sort());
  });
});
