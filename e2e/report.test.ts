import path from "node:path";
import { describe, expect, it } from "vitest";
import { SCREENSHOTS, seriousViolations, signInDemo, useAvisoInChromium } from "./support.ts";

describe("reporting activity from a phone, in Chromium", () => {
  const env = useAvisoInChromium(async () => ({ args: ["--demo"] }));

  it("sends a report with a receipt, queues one while offline and sends it back online, and refuses one with no place", async () => {
    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${env.aviso.url}/`);
    await page.getByRole("link", { name: "Report activity" }).click();
    await expect.poll(() => page.locator("html").getAttribute("data-offline-ready")).toBe("true");

    await page.getByLabel("What are they doing? (required)").fill("Stopping cars at the light");
    await page.getByRole("button", { name: "Send report" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Say where");

    await page.getByLabel("or a ZIP code or neighborhood").fill("60623");
    await page.getByLabel("How many agents and vehicles?").fill("5 agents, 2 vans");
    await page.getByRole("button", { name: "Send report" }).click();
    await expect
      .poll(() => page.locator("#receipt").textContent())
      .toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    await page.screenshot({ path: path.join(SCREENSHOTS, "report-sent.png"), fullPage: true });

    // Offline: the report waits on the phone, and goes when the phone is back online.
    await page.reload();
    await context.setOffline(true);
    await page.reload();
    await page
      .getByLabel("What are they doing? (required)")
      .fill("Agents waiting outside the bakery");
    await page.getByText("or put a pin on the map").click();
    await page.getByRole("group", { name: "Map of Chicago: tap where you saw it" }).click();
    await expect.poll(() => page.locator("#where-status").textContent()).toContain("pin");
    await page.getByRole("button", { name: "Send report" }).click();
    await expect.poll(() => page.locator("#queued").isVisible()).toBe(true);
    await context.setOffline(false);
    await page.evaluate('window.dispatchEvent(new Event("online"))');
    await expect.poll(() => page.locator("#sent").isVisible()).toBe(true);

    expect(await seriousViolations(page)).toEqual([]);

    const staff = await env.browser.newContext();
    const console = await staff.newPage();
    await signInDemo(console, env.aviso.url, "dispatcher");
    const { reports } = (await (
      await console.request.get(`${env.aviso.url}/api/reports`)
    ).json()) as {
      reports: { details: { activity: string }; precision: string }[];
    };
    expect(reports.map((r) => [r.details.activity, r.precision]).sort()).toEqual([
      ["Agents waiting outside the bakery", "point"],
      ["Stopping cars at the light", "area"],
    ]);
    await staff.close();
    await context.close();
  });

  it("reads in the reporter's language, right to left in Arabic, says its translation is a draft, and files the report in that language", async () => {
    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${env.aviso.url}/report?lang=ar`);
    await expect.poll(() => page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await page.locator("h1").textContent()).toBe("أبلغ عمّا تراه");
    expect(await page.locator("#draft-notice").textContent()).toContain("ترجمة آلية");
    await page.screenshot({ path: path.join(SCREENSHOTS, "report-ar.png"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // Switched to Spanish on the page: labels, messages and the report's language follow.
    await page.getByLabel("اللغة").selectOption("es");
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("es");
    await page
      .getByLabel("¿Qué están haciendo? (obligatorio)")
      .fill("Dos camionetas en la esquina");
    await page.getByRole("button", { name: "Enviar reporte" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Diga dónde");
    await page.getByLabel("o un código postal o barrio").fill("60623");
    await page.getByRole("button", { name: "Enviar reporte" }).click();
    await expect.poll(() => page.locator("#sent").isVisible()).toBe(true);
    expect(await page.locator("#sent h2").textContent()).toBe("Gracias");

    const staff = await env.browser.newContext();
    const console = await staff.newPage();
    await signInDemo(console, env.aviso.url, "admin");
    const { reports } = (await (
      await console.request.get(`${env.aviso.url}/api/reports`)
    ).json()) as {
      reports: { details: { activity: string }; language: string }[];
    };
    expect(
      reports.find((r) => r.details.activity === "Dos camionetas en la esquina")?.language,
    ).toBe("es");
    await staff.close();
    await context.close();
  });
});
