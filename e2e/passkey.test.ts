import path from "node:path";
import { describe, expect, it } from "vitest";
import { totpCode, totpStep } from "../packages/server/src/modules/users/totp.ts";
import { DEMO_STAFF } from "../packages/server/src/seed/demo.ts";
import { freePort, SCREENSHOTS, useAvisoInChromium } from "./support.ts";

describe("passkeys in Chromium (virtual authenticator)", () => {
  let url = "";
  // WebAuthn needs a domain for its relying-party id, so this test uses localhost, not an IP.
  const env = useAvisoInChromium(async () => {
    const port = await freePort();
    url = `http://localhost:${port}`;
    return { args: ["--demo"], env: { PORT: String(port), AVISO_PUBLIC_URL: url } };
  });

  it("adds a passkey while signed in, then signs in with it alone", async () => {
    const admin = DEMO_STAFF.find((p) => p.role === "admin");
    if (!admin) throw new Error("no demo admin");
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });

    await page.goto(`${url}/console`);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page
      .getByLabel(/Code from your authenticator/)
      .fill(totpCode(admin.totpSecret, totpStep(new Date())));
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect.poll(() => page.locator(".who").textContent()).toContain("Demo Admin");

    await page.getByRole("link", { name: "My account" }).click();
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Passkey added");
    await expect.poll(() => page.getByTestId("passkeys").locator("li").count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, "account-passkeys.png"), fullPage: true });

    await page.locator(".who").getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Staff sign-in" }).count()).toBe(1);
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await expect.poll(() => page.locator(".who").textContent()).toContain("Demo Admin");
    await context.close();
  });
});
