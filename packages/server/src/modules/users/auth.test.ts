import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { TEST_DIALECTS } from "../../../test/databases.ts";
import { SYSTEM } from "../audit/audit.service.ts";
import { totpCode, totpStep } from "./totp.ts";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const PASSWORD = "correct horse battery staple";
const EMAIL = "dispatcher@staff.aviso.invalid";

const cookieOf = (response: LightMyRequestResponse) => {
  const header = response.headers["set-cookie"];
  const line = Array.isArray(header) ? header[0] : header;
  return line?.split(";")[0] ?? "";
};

describe.each(TEST_DIALECTS)("staff sign-in over HTTP on %s", (dialect) => {
  let harness: TestApp;
  let app: FastifyInstance;
  let now: Date;
  let userId: string;

  beforeEach(async () => {
    now = new Date("2026-11-28T15:00:00Z");
    harness = await createTestApp(dialect, { now: () => now });
    app = harness.app;
    const { user } = await harness.services.users.addUser(
      { email: EMAIL, name: "Dispatcher Test", role: "dispatcher" },
      SYSTEM,
    );
    userId = user.id;
    await harness.services.users.setCredentials(user.id, PASSWORD, SECRET);
  });
  afterEach(() => harness.close());

  const code = (offsetSteps = 0) => totpCode(SECRET, totpStep(now) + offsetSteps);
  const signIn = (body: Record<string, string>, headers: Record<string, string> = {}) =>
    app.inject({ method: "POST", url: "/api/auth/sign-in", payload: body, headers });

  it("signs in with password and TOTP, sets a strict cookie, and refuses the same code twice", async () => {
    const first = await signIn({ email: EMAIL.toUpperCase(), password: PASSWORD, code: code() });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ user: { role: "dispatcher", name: "Dispatcher Test" } });
    const setCookie = String(first.headers["set-cookie"]);
    for (const attribute of [
      "__Host-aviso_session=",
      "HttpOnly",
      "Secure",
      "SameSite=Strict",
      "Path=/",
    ]) {
      expect(setCookie).toContain(attribute);
    }
    const session = await app.inject({
      url: "/api/auth/session",
      headers: { cookie: cookieOf(first) },
    });
    expect(session.json().user.email).toBe(EMAIL);

    const replayed = await signIn({ email: EMAIL, password: PASSWORD, code: code() });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().error.code).toBe("SIGN_IN_FAILED");

    // Nothing personal reached the logs on the way: not the email, the password, the name or the code.
    const logs = harness.log.text();
    expect(logs).toContain('"path":"/api/auth/sign-in"');
    for (const secret of [EMAIL, PASSWORD, "Dispatcher Test", code(), SECRET])
      expect(logs).not.toContain(secret);
  });

  it("gives the same answer for a wrong password, a wrong code and an unknown email", async () => {
    const answers = await Promise.all([
      signIn({ email: EMAIL, password: "wrong password here", code: code() }),
      signIn({ email: EMAIL, password: PASSWORD, code: code(5) }),
      signIn({ email: "nobody@staff.aviso.invalid", password: PASSWORD, code: code() }),
    ]);
    for (const answer of answers) {
      expect(answer.statusCode).toBe(401);
      expect(answer.json().error).toEqual(answers[0]?.json().error);
    }
    const audit = await harness.services.audit.latest({
      limit: 10,
      action: "staff.sign_in_failed",
    });
    expect(audit.map((entry) => entry.details.why).sort()).toEqual([
      "password",
      "totp_wrong",
      "unknown_account",
    ]);
    expect(JSON.stringify(audit)).not.toContain("nobody@");
  });

  it("locks the account after five failures, with back-off, then lets the right person in", async () => {
    for (let i = 0; i < 5; i++)
      await signIn({ email: EMAIL, password: "wrong password here", code: code() });
    const locked = await signIn({ email: EMAIL, password: PASSWORD, code: code() });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe("ACCOUNT_LOCKED");
    now = new Date(now.getTime() + 2 * 60_000);
    expect((await signIn({ email: EMAIL, password: PASSWORD, code: code() })).statusCode).toBe(200);
  });

  it("takes a recovery code once", async () => {
    const codes = await harness.services.users.setCredentials(userId, PASSWORD, SECRET);
    const recovery = codes[0] ?? "";
    expect(
      (await signIn({ email: EMAIL, password: PASSWORD, code: recovery.toLowerCase() })).statusCode,
    ).toBe(200);
    expect((await signIn({ email: EMAIL, password: PASSWORD, code: recovery })).statusCode).toBe(
      401,
    );
  });

  it("replaces recovery codes only with the right password, and the old ones stop working", async () => {
    const old = await harness.services.users.setCredentials(userId, PASSWORD, SECRET);
    const signedIn = await signIn({ email: EMAIL, password: PASSWORD, code: code() });
    const headers = {
      cookie: cookieOf(signedIn),
      "x-csrf-token": signedIn.json().csrfToken as string,
    };
    const wrong = await app.inject({
      method: "POST",
      url: "/api/account/recovery-codes",
      payload: { password: "not my password" },
      headers,
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe("PASSWORD_WRONG");
    const fresh = await app.inject({
      method: "POST",
      url: "/api/account/recovery-codes",
      payload: { password: PASSWORD },
      headers,
    });
    expect(fresh.json().recoveryCodes).toHaveLength(10);
    expect(
      (await signIn({ email: EMAIL, password: PASSWORD, code: old[0] ?? "" })).statusCode,
    ).toBe(401);
    expect(
      (await signIn({ email: EMAIL, password: PASSWORD, code: fresh.json().recoveryCodes[0] }))
        .statusCode,
    ).toBe(200);
  });

  it("refuses a session cookie replayed after sign-out, and a malformed or missing cookie", async () => {
    const signedIn = await signIn({ email: EMAIL, password: PASSWORD, code: code() });
    const cookie = cookieOf(signedIn);
    const csrf = signedIn.json().csrfToken as string;
    const out = await app.inject({
      method: "POST",
      url: "/api/auth/sign-out",
      headers: { cookie, "x-csrf-token": csrf },
    });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers["set-cookie"])).toContain("__Host-aviso_session=;");
    const replay = await app.inject({ url: "/api/auth/session", headers: { cookie } });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe("SIGN_IN_REQUIRED");
    for (const bad of [
      "__Host-aviso_session=%%%not-a-token",
      "__Host-aviso_session=",
      "garbage;;;==",
    ]) {
      expect(
        (await app.inject({ url: "/api/auth/session", headers: { cookie: bad } })).statusCode,
      ).toBe(401);
    }
  });

  it("ends sessions after the idle timeout, and everywhere at once on request", async () => {
    const a = await signIn({ email: EMAIL, password: PASSWORD, code: code() });
    now = new Date(now.getTime() + 31 * 60_000);
    expect(
      (await app.inject({ url: "/api/auth/session", headers: { cookie: cookieOf(a) } })).statusCode,
    ).toBe(401);

    const b = await signIn({ email: EMAIL, password: PASSWORD, code: code() });
    now = new Date(now.getTime() + 30_000);
    const c = await signIn({ email: EMAIL, password: PASSWORD, code: code() });
    const list = await app.inject({
      url: "/api/account/sessions",
      headers: { cookie: cookieOf(c) },
    });
    expect(list.json().sessions).toHaveLength(2);
    const everywhere = await app.inject({
      method: "POST",
      url: "/api/auth/sign-out-everywhere",
      headers: { cookie: cookieOf(c), "x-csrf-token": c.json().csrfToken },
    });
    // The idle session from the start is ended too: nothing of this account stays open.
    expect(everywhere.json()).toEqual({ ended: 3 });
    expect(
      (await app.inject({ url: "/api/auth/session", headers: { cookie: cookieOf(b) } })).statusCode,
    ).toBe(401);
  });

  it("needs the session's CSRF token and a same-origin request for every change", async () => {
    const admin = await harness.signInAs("admin");
    const body = { email: "new@staff.aviso.invalid", name: "New Person", role: "responder" };
    const noToken = await app.inject({
      method: "POST",
      url: "/api/users",
      payload: body,
      headers: { cookie: admin.cookie },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe("CSRF_TOKEN_INVALID");
    const wrongToken = await app.inject({
      method: "POST",
      url: "/api/users",
      payload: body,
      headers: { cookie: admin.cookie, "x-csrf-token": "x".repeat(32) },
    });
    expect(wrongToken.statusCode).toBe(403);
    const crossSite = await app.inject({
      method: "POST",
      url: "/api/users",
      payload: body,
      headers: { ...admin.headers, origin: "https://evil.example" },
    });
    expect(crossSite.json().error.code).toBe("CROSS_SITE_REQUEST");
    const loginCsrf = await signIn(
      { email: EMAIL, password: PASSWORD, code: code() },
      { origin: "https://evil.example" },
    );
    expect(loginCsrf.statusCode).toBe(403);
    expect(await harness.services.users.findIdByEmail(body.email)).toBeUndefined();
    const ok = await app.inject({
      method: "POST",
      url: "/api/users",
      payload: body,
      headers: { ...admin.headers, origin: "https://aviso.test" },
    });
    expect(ok.statusCode).toBe(201);
  });

  it("invites a person who then enrols through the API and is signed in", async () => {
    const admin = await harness.signInAs("admin");
    const created = await app.inject({
      method: "POST",
      url: "/api/users",
      payload: { email: "lucia@staff.aviso.invalid", name: "Lucía", role: "case_worker" },
      headers: admin.headers,
    });
    const token = (created.json().invitation.link as string).split("#")[1] ?? "";
    const details = (
      await app.inject({ method: "POST", url: "/api/invitations/inspect", payload: { token } })
    ).json();
    const accepted = await app.inject({
      method: "POST",
      url: "/api/invitations/accept",
      payload: {
        token,
        password: "lucía's long password",
        totpSecret: details.totpSecret,
        code: totpCode(details.totpSecret, totpStep(now)),
      },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().recoveryCodes).toHaveLength(10);
    expect(
      (
        await app.inject({ url: "/api/auth/session", headers: { cookie: cookieOf(accepted) } })
      ).json().user.role,
    ).toBe("case_worker");
    const again = await app.inject({
      method: "POST",
      url: "/api/invitations/inspect",
      payload: { token },
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe("INVITATION_NOT_FOUND");
  });

  it("answers a flood of sign-ins from one client with 429 and a clear body", async () => {
    const answers = [];
    for (let i = 0; i < 12; i++)
      answers.push(await signIn({ email: "x@y.z", password: "p", code: "000000" }));
    const limited = answers.at(-1);
    expect(limited?.statusCode).toBe(429);
    expect(limited?.json().error.code).toBe("RATE_LIMITED");
    expect(limited?.headers["retry-after"]).toBeDefined();
  });
});
