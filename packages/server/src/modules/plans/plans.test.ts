import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { TEST_DIALECTS } from "../../../test/databases.ts";
import { SYSTEM } from "../audit/audit.service.ts";

const b64 = (bytes: number) => randomBytes(bytes).toString("base64url");
/** The shape the browser sends; the server cannot tell real ciphertext from random bytes. */
const envelope = (overrides: Record<string, unknown> = {}) => ({
  version: 1,
  kdf: { name: "argon2id13", opsLimit: 3, memLimitKiB: 65_536 },
  salt: b64(16),
  wrappedKey: b64(140),
  ciphertext: b64(2000),
  ...overrides,
});

describe.each(TEST_DIALECTS)("family plans on %s", (dialect) => {
  let harness: TestApp;
  let now: Date;
  beforeEach(async () => {
    now = new Date("2026-11-28T15:00:00Z");
    harness = await createTestApp(dialect, {
      now: () => now,
      env: { AVISO_BODY_LIMIT_BYTES: "1048576" },
    });
  });
  afterEach(() => harness.close());

  const call = (
    method: "GET" | "POST" | "PUT" | "DELETE",
    url: string,
    payload?: unknown,
    token?: string,
    remoteAddress = "127.0.0.1",
  ) =>
    harness.app.inject({
      method,
      url,
      remoteAddress,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const create = async () => {
    const sent = envelope();
    const response = await call("POST", "/api/plans", sent);
    expect(response.statusCode).toBe(201);
    return { sent, ...(response.json() as { id: string; code: string; ownerToken: string }) };
  };

  it("stores an envelope, gives it back by code (typed any way), and lets only the owner change or delete it", async () => {
    const { sent, code, ownerToken } = await create();
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
    const typed = ` ${code.replace("-", " ").toLowerCase()} `;
    const got = await call("GET", `/api/plans/${encodeURIComponent(typed)}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ code, envelope: sent });

    const next = envelope();
    expect((await call("PUT", `/api/plans/${code}`, next)).json().error.code).toBe(
      "OWNER_TOKEN_INVALID",
    );
    expect((await call("PUT", `/api/plans/${code}`, next, "not-the-token")).statusCode).toBe(403);
    now = new Date(now.getTime() + 60_000);
    const put = await call("PUT", `/api/plans/${code}`, next, ownerToken);
    expect(put.json()).toEqual({ updatedAt: now.toISOString() });
    expect((await call("GET", `/api/plans/${code}`)).json().envelope).toEqual(next);

    expect((await call("DELETE", `/api/plans/${code}`, undefined, "wrong")).statusCode).toBe(403);
    expect((await call("DELETE", `/api/plans/${code}`, undefined, ownerToken)).statusCode).toBe(
      204,
    );
    const gone = await call("GET", `/api/plans/${code}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe("PLAN_NOT_FOUND");
  });

  it("keeps nothing but the envelope and a hash of the owner's token", async () => {
    const { sent, ownerToken } = await create();
    const rows = await harness.test.database.db.selectFrom("plans").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(
      ["code", "created_at", "envelope", "id", "owner_token_hash", "updated_at"].sort(),
    );
    expect(JSON.parse(rows[0]?.envelope ?? "")).toEqual(sent);
    expect(JSON.stringify(rows)).not.toContain(ownerToken);
  });

  it("refuses anything that is not an envelope of the expected shape and size, with a clear 400", async () => {
    const cases: [unknown, RegExp][] = [
      [{ plan: { name: "Ana", phone: "312-555-0100" } }, /version/],
      [envelope({ name: "Ana" }), /name/],
      [envelope({ version: 2 }), /version/],
      [envelope({ kdf: { name: "pbkdf2", opsLimit: 3, memLimitKiB: 65_536 } }), /kdf\.name/],
      [envelope({ kdf: { name: "argon2id13", opsLimit: 1, memLimitKiB: 1024 } }), /kdf\.opsLimit/],
      [envelope({ salt: "short" }), /salt is too short/],
      [envelope({ ciphertext: "plain text, not sealed!" }), /ciphertext must be base64url/],
      [envelope({ ciphertext: b64(270_000) }), /ciphertext is too long/],
    ];
    let client = 0;
    for (const [payload, message] of cases) {
      // One client each: creation is rate-limited, and bad bodies count too.
      const response = await call("POST", "/api/plans", payload, undefined, `10.0.0.${++client}`);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(response.json().error.code).toBe("VALIDATION_FAILED");
      expect(response.json().error.message).toMatch(message);
    }
    const huge = await call(
      "POST",
      "/api/plans",
      envelope({ ciphertext: b64(450_000) }),
      undefined,
      "10.0.1.1",
    );
    expect(huge.statusCode).toBe(413);
    expect(await harness.test.database.db.selectFrom("plans").selectAll().execute()).toEqual([]);
  });

  it("rate-limits making plans from one client", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await call("POST", "/api/plans", envelope())).statusCode);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it("serves a share's sealed key until it is taken back or expires, and purges expired ones", async () => {
    const { code, ownerToken } = await create();
    const wrappedKey = b64(72);
    const refused = await call("POST", `/api/plans/${code}/shares`, {
      wrappedKey,
      expiresInDays: 7,
    });
    expect(refused.statusCode).toBe(403);
    const made = await call(
      "POST",
      `/api/plans/${code}/shares`,
      { wrappedKey, expiresInDays: 7 },
      ownerToken,
    );
    expect(made.statusCode).toBe(201);
    const { id } = made.json();
    const other = (
      await call(
        "POST",
        `/api/plans/${code}/shares`,
        { wrappedKey: b64(72), expiresInDays: 1 },
        ownerToken,
      )
    ).json().id;
    expect((await call("GET", `/api/plans/${code}/shares/${id}`)).json()).toEqual({
      wrappedKey,
      expiresAt: "2026-12-05T15:00:00.000Z",
    });
    expect((await call("GET", `/api/plans/${code}/shares`)).statusCode).toBe(403);
    expect(
      (await call("GET", `/api/plans/${code}/shares`, undefined, ownerToken)).json().shares,
    ).toHaveLength(2);

    expect(
      (await call("DELETE", `/api/plans/${code}/shares/${id}`, undefined, ownerToken)).statusCode,
    ).toBe(204);
    const revoked = await call("GET", `/api/plans/${code}/shares/${id}`);
    expect(revoked.statusCode).toBe(404);
    expect(revoked.json().error.code).toBe("SHARE_ENDED");

    now = new Date(now.getTime() + 2 * 86_400_000);
    expect((await call("GET", `/api/plans/${code}/shares/${other}`)).json().error.code).toBe(
      "SHARE_ENDED",
    );
    const purge = await harness.services.privacy.purge({ dryRun: false, actor: SYSTEM });
    expect(purge.removed).toContainEqual(
      expect.objectContaining({ category: "Family plan share links", records: 1 }),
    );
    const inventory = await harness.services.privacy.dataInventory();
    expect(inventory.find((c) => c.category.startsWith("Family plans"))?.records).toBe(1);
  });
});
