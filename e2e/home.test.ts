import path from "node:path";
import { describe, expect, it } from "vitest";
import { SCREENSHOTS, useAvisoInChromium } from "./support.ts";

describe("home page in Chromium", () => {
  const env = useAvisoInChromium(async () => ({ args: ["--demo"] }));

  it("renders what Aviso is, the hotline, and the 77 community areas, with no CSP or script errors", async () => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(env.aviso.url);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Aviso Chicago");
    await expect
      .poll(() => page.getByRole("link", { name: "1-855-435-7693" }).getAttribute("href"))
      .toBe("tel:18554357693");
    await expect.poll(() => page.getByTestId("area-list").locator("li").count()).toBe(77);
    expect(await page.getByTestId("area-list").textContent()).toContain("South Lawndale");
    await page.screenshot({ path: path.join(SCREENSHOTS, "home.png"), fullPage: true });
    expect(problems).toEqual([]);
  });

  it("shows the hotline with JavaScript off", async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(env.aviso.url);
    const hotline = (await page.locator(".hotline").textContent())?.replace(/\s+/g, " ");
    expect(hotline).toContain("ICIRR Family Support Hotline: 1-855-435-7693");
    await context.close();
  });

  it("asks a visitor to the staff console to sign in", async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.aviso.url}/console`);
    await expect.poll(() => page.getByRole("heading", { name: "Staff sign-in" }).count()).toBe(1);
    expect(await page.locator("tbody tr").count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "sign-in.png") });
  });
});
