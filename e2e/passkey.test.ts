import path from "node:path";
import { describe, expect, it } from "vitest";
import { codeFor, demo, freePort, SCREENSHOTS, signIn, useAvisoInChromium } from "./support.ts";

describe("passkeys in Chromium (virtual authenticator)", () => {
  let url = "";
  // WebAuthn needs a domain for its relying-party id, so this test uses localhost, not an IP.
  const env = useAvisoInChromium(async () => {
    const port = await freePort();
    url = `http://localhost:${port}`;
    return { args: ["--demo"], env: { PORT: String(port), AVISO_PUBLIC_URL: url } };
  });

  it("adds a passkey while signed in, then signs in with it alone", async () => {
    const admin = demo("admin");
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

    await signIn(page, url, admin.email, admin.password, codeFor(admin.totpSecret));
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
