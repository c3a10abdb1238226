import path from "node:path";
import { describe, expect, it } from "vitest";
import { codeFor, demo, SCREENSHOTS, signIn, useAvisoInChromium } from "./support.ts";

describe("staff console in Chromium", () => {
  const env = useAvisoInChromium(async () => ({ args: ["--demo"] }));

  it("signs in the demo dispatcher with TOTP and shows the console", async () => {
    const page = await env.browser.newPage();
    const dispatcher = demo("dispatcher");
    await signIn(
      page,
      env.aviso.url,
      dispatcher.email,
      dispatcher.password,
      codeFor(dispatcher.totpSecret),
    );
    await expect.poll(() => page.locator(".who").textContent()).toContain("Demo Dispatcher (fake)");
    await expect.poll(() => page.locator("tbody tr").count()).toBe(77);
    await page.getByRole("button", { name: "ZIP codes" }).click();
    await expect.poll(() => page.locator("tbody tr").count()).toBe(59);
    await page.getByRole("button", { name: "Wards" }).click();
    await expect.poll(() => page.locator("tbody tr").count()).toBe(50);
    expect(await page.locator("tbody tr").first().textContent()).toContain("Ward 1");
    // A dispatcher sees no admin pages.
    expect(await page.getByRole("link", { name: "Audit trail" }).count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "console-dispatcher.png") });
    await page.close();
  });

  it("refuses a wrong code with a clear message, then accepts the right one", async () => {
    const page = await env.browser.newPage();
    const responder = demo("responder");
    await signIn(page, env.aviso.url, responder.email, responder.password, "000000");
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("The email, password or code is not right");
    await page.screenshot({ path: path.join(SCREENSHOTS, "sign-in-refused.png") });
    await page.getByLabel(/Code from your authenticator/).fill(codeFor(responder.totpSecret));
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect.poll(() => page.locator(".who").textContent()).toContain("Demo Responder (fake)");
    await page.close();
  });

  it("refuses the session cookie once its owner has signed out", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const worker = demo("case_worker");
    await signIn(page, env.aviso.url, worker.email, worker.password, codeFor(worker.totpSecret));
    await expect.poll(() => page.locator(".who").textContent()).toContain("Demo Case Worker");
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === "__Host-aviso_session");
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict" });
    await page.locator(".who").getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Staff sign-in" }).count()).toBe(1);

    const thief = await env.browser.newContext();
    await thief.addCookies(cookies);
    const replay = await thief.request.get(`${env.aviso.url}/api/auth/session`);
    expect(replay.status()).toBe(401);
    const thiefPage = await thief.newPage();
    await thiefPage.goto(`${env.aviso.url}/console`);
    await expect
      .poll(() => thiefPage.getByRole("heading", { name: "Staff sign-in" }).count())
      .toBe(1);
    await thief.close();
    await context.close();
  });

  it("lets an admin invite a person who enrols with an authenticator, and shows audit and data pages", async () => {
    const admin = demo("admin");
    const adminPage = await env.browser.newPage();
    await signIn(adminPage, env.aviso.url, admin.email, admin.password, codeFor(admin.totpSecret));
    await adminPage.getByRole("link", { name: "Staff" }).click();
    await adminPage.getByLabel("Name").fill("Lucía Test (fake)");
    await adminPage.getByLabel("Email").fill("lucia@demo.aviso.invalid");
    await adminPage.getByLabel("Role").selectOption("case_worker");
    await adminPage.getByRole("button", { name: "Invite" }).click();
    const link = (await adminPage.getByTestId("invitation-link").textContent()) ?? "";
    expect(link).toContain("/console/invite#");

    const invitee = await env.browser.newContext();
    const page = await invitee.newPage();
    await page.goto(link.replace(/^https?:\/\/[^/]+/, env.aviso.url));
    const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
    await page.getByLabel("Choose a password").fill("lucía's long test password");
    await page.getByLabel("The same password again").fill("lucía's long test password");
    await page.getByLabel(/6-digit code/).fill(codeFor(secret));
    await page.screenshot({ path: path.join(SCREENSHOTS, "invitation.png"), fullPage: true });
    await page.getByRole("button", { name: "Finish setting up" }).click();
    await expect.poll(() => page.getByTestId("recovery-codes").locator("li").count()).toBe(10);
    await page.getByRole("link", { name: /open the console/ }).click();
    await expect.poll(() => page.locator(".who").textContent()).toContain("Lucía Test (fake)");
    await invitee.close();

    await adminPage.getByRole("link", { name: "Audit trail" }).click();
    await expect.poll(() => adminPage.locator("tbody").textContent()).toContain("staff.enrolled");
    await adminPage.screenshot({ path: path.join(SCREENSHOTS, "audit.png"), fullPage: true });
    await adminPage.getByRole("link", { name: "Data we hold" }).click();
    await expect
      .poll(() => adminPage.getByTestId("data-inventory").textContent())
      .toContain("Staff accounts");
    expect(await adminPage.getByTestId("data-inventory").textContent()).not.toContain(
      "demo.aviso.invalid",
    );
    await adminPage.screenshot({
      path: path.join(SCREENSHOTS, "data-inventory.png"),
      fullPage: true,
    });
    await adminPage.close();
  });

  it("lets an admin flip the flood switch, after which the sign-in form solves a puzzle first", async () => {
    const admin = demo("admin");
    const adminPage = await env.browser.newPage();
    await signIn(
      adminPage,
      env.aviso.url,
      admin.email,
      admin.password,
      codeFor(admin.totpSecret, 1),
    );
    await adminPage.getByRole("link", { name: "Flood switch" }).click();
    await adminPage.getByRole("button", { name: "Turn on proof of work" }).click();
    await expect
      .poll(() => adminPage.getByTestId("flood-mode").textContent())
      .toContain("On: proof of work required");

    const bare = await adminPage.request.post(`${env.aviso.url}/api/auth/sign-in`, {
      data: { email: "x@y.invalid", password: "whatever", code: "123456" },
    });
    expect(bare.status()).toBe(429);
    expect((await bare.json()).error.code).toBe("PROOF_OF_WORK_REQUIRED");

    const page = await env.browser.newPage();
    const dispatcher = demo("dispatcher");
    await signIn(
      page,
      env.aviso.url,
      dispatcher.email,
      dispatcher.password,
      codeFor(dispatcher.totpSecret, 1),
    );
    await expect
      .poll(() => page.locator(".who").textContent(), { timeout: 30_000 })
      .toContain("Demo Dispatcher");

    await adminPage.getByRole("button", { name: "Turn off" }).click();
    await expect.poll(() => adminPage.getByTestId("flood-mode").textContent()).toContain("Off");
    await page.close();
    await adminPage.close();
  });
});
