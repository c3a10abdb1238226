import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { TEST_DIALECTS } from "../../../test/databases.ts";
import { solveProofOfWork } from "./proof-of-work.ts";

describe.each(TEST_DIALECTS)("flood switch on %s", (dialect) => {
  let harness: TestApp;
  beforeEach(async () => {
    harness = await createTestApp(dialect);
  });
  afterEach(() => harness.close());

  const signIn = (proof?: string) =>
    harness.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: "nobody@staff.aviso.invalid", password: "whatever it is", code: "123456" },
      headers: proof ? { "x-aviso-proof": proof } : {},
    });
  const solved = async () => {
    const challenge = (await harness.app.inject("/api/flood/challenge")).json();
    return `${challenge.challenge}.${solveProofOfWork(challenge.challenge, challenge.difficulty)}`;
  };

  it("asks nothing while off, then demands a fresh, unique, valid proof once an admin turns it on", async () => {
    expect((await signIn()).statusCode).toBe(401); // reaches the sign-in check itself
    const admin = await harness.signInAs("admin");
    const set = await harness.app.inject({
      method: "PUT",
      url: "/api/admin/flood-mode",
      payload: { mode: "proof-of-work", difficulty: 10 },
      headers: admin.headers,
    });
    expect(set.json()).toEqual({ mode: "proof-of-work", difficulty: 10 });
    expect((await harness.services.audit.latest({ limit: 1 }))[0]?.action).toBe("flood.mode_set");

    const bare = await signIn();
    expect(bare.statusCode).toBe(429);
    expect(bare.json().error).toMatchObject({
      code: "PROOF_OF_WORK_REQUIRED",
      details: { difficulty: 10 },
    });

    const proof = await solved();
    expect((await signIn(proof)).statusCode).toBe(401); // through the guard, to the real check
    const reused = await signIn(proof);
    expect(reused.json().error.message).toContain("already used");

    const forged = (await solved()).replace(
      /\.([^.]+)\.([^.]+)$/,
      ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.$2",
    );
    expect((await signIn(forged)).json().error.message).toContain("not for a challenge we issued");
    const challenge = (await harness.app.inject("/api/flood/challenge")).json().challenge as string;
    expect((await signIn(`${challenge}.not-a-solution`)).json().error.message).toMatch(
      /wrong|already/,
    );

    const off = await harness.app.inject({
      method: "PUT",
      url: "/api/admin/flood-mode",
      payload: { mode: "off", difficulty: 16 },
      headers: admin.headers,
    });
    expect(off.statusCode).toBe(200);
    expect((await signIn()).statusCode).toBe(401);
  });

  it("refuses a bad setting by name and keeps the old one", async () => {
    const admin = await harness.signInAs("admin");
    const bad = await harness.app.inject({
      method: "PUT",
      url: "/api/admin/flood-mode",
      payload: { mode: "panic", difficulty: 99 },
      headers: admin.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/mode/);
    expect(bad.json().error.message).toMatch(/difficulty/);
    expect(
      (await harness.app.inject({ url: "/api/admin/flood-mode", headers: admin.headers })).json()
        .mode,
    ).toBe("off");
  });
});
