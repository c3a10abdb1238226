import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import {
  createTestCrypto,
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../../test/databases.ts";
import { UsersRepository } from "./users.repository.ts";
import { UsersService } from "./users.service.ts";

const person = {
  email: "Rosa.Quintana@Example.org",
  name: "Rosa Quintana-Villalobos",
  role: "dispatcher",
};

describe.each(TEST_DIALECTS)("staff users on %s", (dialect) => {
  let test: TestDatabase;
  afterEach(() => test.cleanup());

  async function setUp(sqliteFile?: string) {
    test = await createTestDatabase(dialect, sqliteFile ? { sqliteFile } : {});
    return new UsersService(new UsersRepository(test.database.db), await createTestCrypto());
  }

  it("adds a user, finds them by email in any case, and refuses a second account", async () => {
    const users = await setUp();
    const added = await users.addUser(person);
    expect(added).toMatchObject({
      email: "rosa.quintana@example.org",
      name: person.name,
      role: "dispatcher",
    });
    expect((await users.findByEmail("ROSA.QUINTANA@example.org"))?.id).toBe(added.id);
    expect(await users.findByEmail("nobody@example.org")).toBeUndefined();
    await expect(users.addUser(person)).rejects.toMatchObject({ code: "USER_EXISTS" });
    expect(await users.listUsers()).toHaveLength(1);
  });

  it("names each invalid field and stores nothing", async () => {
    const users = await setUp();
    const error = await users
      .addUser({ email: "not-an-email", name: " ", role: "sheriff" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "USER_INVALID" });
    expect((error as Error).message).toMatch(/email: must be an email address/);
    expect((error as Error).message).toMatch(/role:/);
    expect((error as Error).message).toMatch(/name: must not be empty/);
    expect(await users.listUsers()).toHaveLength(0);
  });

  it("keeps no email or name in the clear anywhere in the stored data", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "aviso-users-"));
    const users = await setUp(path.join(dir, "aviso.db"));
    await users.addUser(person);
    const needles = ["rosa.quintana", "Quintana", "Villalobos", "example.org"];
    if (dialect === "sqlite") {
      // The raw file and its write-ahead log, as someone who seized the disk would read them.
      const raw = ["aviso.db", "aviso.db-wal"]
        .map((file) => path.join(dir, file))
        .filter((file) => existsSync(file))
        .map((file) => readFileSync(file).toString("latin1"))
        .join("");
      expect(raw.length).toBeGreaterThan(0);
      for (const needle of needles) expect(raw).not.toContain(needle);
    } else {
      const rows = await sql<{ row: string }>`select t::text as row from staff_users t`.execute(
        test.database.db,
      );
      expect(rows.rows).toHaveLength(1);
      for (const needle of needles) expect(rows.rows[0]?.row).not.toContain(needle);
    }
  });
});
