import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { testConfig } from "../../../test/app.ts";
import {
  createTestCrypto,
  createTestDatabase,
  rawDatabaseText,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../../test/databases.ts";
import { createServices } from "../../main.ts";
import { SYSTEM } from "../audit/audit.service.ts";
import { newTotpSecret, totpCode, totpStep } from "./totp.ts";

const person = {
  email: "Rosa.Quintana@Example.org",
  name: "Rosa Quintana-Villalobos",
  role: "dispatcher",
};

describe.each(TEST_DIALECTS)("staff accounts on %s", (dialect) => {
  let test: TestDatabase;
  afterEach(() => test.cleanup());

  async function setUp(sqliteFile?: string) {
    test = await createTestDatabase(dialect, sqliteFile ? { sqliteFile } : {});
    return createServices(test.database, await createTestCrypto(), testConfig());
  }

  it("adds an invited account with a one-time link, finds it by email in any case, refuses a second", async () => {
    const { users } = await setUp();
    const { user, invitation } = await users.addUser(person, SYSTEM);
    expect(user).toMatchObject({
      email: "rosa.quintana@example.org",
      name: person.name,
      role: "dispatcher",
      status: "invited",
    });
    expect(invitation.link).toMatch(/^https:\/\/aviso\.test\/console\/invite#[A-Za-z0-9_-]{40,}$/);
    expect(await users.findIdByEmail("ROSA.QUINTANA@example.org")).toBe(user.id);
    expect(await users.findIdByEmail("nobody@example.org")).toBeUndefined();
    await expect(users.addUser(person, SYSTEM)).rejects.toMatchObject({ code: "USER_EXISTS" });
    expect(await users.listUsers(SYSTEM, "test")).toHaveLength(1);
  });

  it("names each invalid field and stores nothing", async () => {
    const { users } = await setUp();
    const error = await users
      .addUser({ email: "not-an-email", name: " ", role: "sheriff" }, SYSTEM)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "USER_INVALID" });
    expect((error as Error).message).toMatch(/email: must be an email address/);
    expect((error as Error).message).toMatch(/role:/);
    expect((error as Error).message).toMatch(/name: must not be empty/);
    expect(await users.listUsers(SYSTEM, "test")).toHaveLength(0);
  });

  it("enrols through the invitation: TOTP proven, recovery codes once, the link then dead", async () => {
    const { users } = await setUp();
    const { invitation } = await users.addUser(person, SYSTEM);
    const token = invitation.link.split("#")[1] ?? "";
    const details = await users.inspectInvitation(token);
    expect(details.email).toBe("r•••@example.org");
    expect(details.qrSvg).toContain("<svg");
    expect(details.otpauthUri).toContain(`secret=${details.totpSecret}`);
    const code = totpCode(details.totpSecret, totpStep(new Date()));
    await expect(
      users.acceptInvitation({ token, password: "short", totpSecret: details.totpSecret, code }),
    ).rejects.toMatchObject({ code: "PASSWORD_INVALID" });
    await expect(
      users.acceptInvitation({
        token,
        password: "a long enough password",
        totpSecret: newTotpSecret(),
        code,
      }),
    ).rejects.toMatchObject({ code: "TOTP_CODE_WRONG" });
    const accepted = await users.acceptInvitation({
      token,
      password: "a long enough password",
      totpSecret: details.totpSecret,
      code,
    });
    expect(accepted.user.status).toBe("active");
    expect(accepted.recoveryCodes).toHaveLength(10);
    expect(new Set(accepted.recoveryCodes).size).toBe(10);
    await expect(users.inspectInvitation(token)).rejects.toMatchObject({
      code: "INVITATION_NOT_FOUND",
    });
  });

  it("refuses an expired invitation and changes nothing", async () => {
    test = await createTestDatabase(dialect);
    let now = new Date("2026-11-01T12:00:00Z");
    const config = testConfig({ AVISO_INVITATION_HOURS: "1" });
    const { users } = createServices(test.database, await createTestCrypto(), config, () => now);
    const { invitation, user } = await users.addUser(person, SYSTEM);
    now = new Date("2026-11-01T14:00:00Z");
    const token = invitation.link.split("#")[1] ?? "";
    await expect(users.inspectInvitation(token)).rejects.toMatchObject({
      code: "INVITATION_EXPIRED",
    });
    expect((await users.getOwnAccount(user.id)).status).toBe("invited");
  });

  it("keeps no email, name or TOTP secret in the clear in the database file, its WAL or a dump", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "aviso-users-"));
    const { users } = await setUp(path.join(dir, "aviso.db"));
    const { user } = await users.addUser(person, SYSTEM);
    await users.setCredentials(
      user.id,
      "a long enough password",
      "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    );
    const needles = [
      "rosa.quintana",
      "Quintana",
      "Villalobos",
      "example.org",
      "JBSWY3DPEHPK3PXP",
      "a long enough password",
    ];
    // The raw file and its write-ahead log, or a pg_dump, as someone who seized the disk would read them.
    const raw = rawDatabaseText(test);
    if (dialect === "postgres") expect(raw).toContain("staff_users");
    expect(raw.length).toBeGreaterThan(1000);
    for (const needle of needles) expect(raw).not.toContain(needle);
  });
});
