import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type RunningAviso, SCREENSHOTS, startAviso } from "./support.ts";

describe("home page in Chromium", () => {
  let aviso: RunningAviso;
  let browser: Browser;

  beforeAll(async () => {
    aviso = await startAviso(["--demo"]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await aviso?.stop();
  });

  it("renders what Aviso is, the hotline, and the 77 community areas, with no CSP or script errors", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(aviso.url);
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
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(aviso.url);
    const hotline = (await page.locator(".hotline").textContent())?.replace(/\s+/g, " ");
    expect(hotline).toContain("ICIRR Family Support Hotline: 1-855-435-7693");
    await context.close();
  });

  it("asks a visitor to the staff console to sign in", async () => {
    const page = await browser.newPage();
    await page.goto(`${aviso.url}/console`);
    await expect.poll(() => page.getByRole("heading", { name: "Staff sign-in" }).count()).toBe(1);
    expect(await page.locator("tbody tr").count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, "sign-in.png") });
  });
});
