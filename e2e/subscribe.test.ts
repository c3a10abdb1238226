import path from "node:path";
import { describe, expect, it } from "vitest";
import { SCREENSHOTS, seriousViolations, signInDemo, useAvisoInChromium } from "./support.ts";

describe("subscribing to alerts in Chromium", () => {
  const env = useAvisoInChromium(async () => ({ args: ["--demo"] }));

  it("lets a resident subscribe on a phone, get the code in the outbox, and confirm", async () => {
    const resident = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await resident.newPage();
    await page.goto(`${env.aviso.url}/`);
    await page.getByRole("link", { name: "Get verified alerts" }).click();
    await page.getByLabel("Mobile phone number").fill("(312) 555-0166");
    await page.getByLabel("Language for alerts").selectOption("es");
    await expect.poll(() => page.getByLabel("Neighborhood").locator("option").count()).toBe(78);
    await page.getByLabel("Neighborhood").selectOption({ label: "South Lawndale" });
    await page.getByRole("button", { name: "Text me a code" }).click();
    await expect.poll(() => page.getByLabel("6-digit code").isVisible()).toBe(true);

    // The dispatcher reads the texted code in the outbox (no SMS provider in the demo).
    const staff = await env.browser.newContext();
    const console = await staff.newPage();
    await signInDemo(console, env.aviso.url, "dispatcher");
    await console.getByRole("link", { name: "Outbox" }).click();
    const text =
      (await console.getByTestId("outbox").locator("tbody tr").first().textContent()) ?? "";
    expect(text).toContain("+13125550166");
    expect(text).toContain("South Lawndale");
    const code = /code is (\d{6})/.exec(text)?.[1] ?? "";

    await page.getByLabel("6-digit code").fill(code === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect
      .poll(() => page.locator("#confirm-error").textContent())
      .toContain("That code is not right");
    await page.getByLabel("6-digit code").fill(code);
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toContain("You will get verified alerts");
    await page.screenshot({ path: path.join(SCREENSHOTS, "subscribed.png"), fullPage: true });

    expect(await seriousViolations(page)).toEqual([]);
    await staff.close();
    await resident.close();
  });
});
