import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { describe, expect, it } from "vitest";
import { SCREENSHOTS, useAvisoInChromium } from "./support.ts";

describe("rights library in Chromium", () => {
  const env = useAvisoInChromium();

  it("renders the Spanish door article with lang=es, readable with JavaScript off", async () => {
    const context = await env.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(`${env.aviso.url}/rights/es/at-the-door/`);
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    expect(await page.locator("html").getAttribute("dir")).toBe("ltr");
    expect(await page.locator("h1").textContent()).toBe(
      "Si agentes de inmigración llegan a su puerta",
    );
    expect(await page.locator("article").textContent()).toContain("Formulario I-205");
    expect(await page.locator(".hotline").textContent()).toContain("1-855-435-7693");
    expect(await page.locator(".review").textContent()).toContain(
      "Todavía no lo revisa un abogado",
    );
    await page.getByRole("link", { name: "English" }).click();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("article").textContent()).toContain(
      "may try to force their way in with only a Form I-205",
    );
    await context.close();
  });

  it("renders Arabic and Urdu right to left, marked as machine-drafted", async () => {
    const page = await env.browser.newPage();
    for (const lang of ["ar", "ur"]) {
      await page.goto(`${env.aviso.url}/rights/${lang}/at-the-door/`);
      expect(await page.locator("html").getAttribute("lang")).toBe(lang);
      expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
      const direction = await page.locator("article").evaluate((el) => {
        const view = el.ownerDocument.defaultView as unknown as {
          getComputedStyle(e: unknown): { direction: string };
        };
        return view.getComputedStyle(el).direction;
      });
      expect(direction).toBe("rtl");
      expect(await page.locator("article").textContent()).toContain("I-205");
      expect(await page.locator(".review").getAttribute("class")).toContain("review-pending");
      await page.screenshot({ path: path.join(SCREENSHOTS, `rights-${lang}.png`), fullPage: true });
    }
    await page.close();
  });

  it("sends a browser to its language and lists every article", async () => {
    const context = await env.browser.newContext({ locale: "es-MX" });
    const page = await context.newPage();
    await page.goto(`${env.aviso.url}/rights`);
    expect(new URL(page.url()).pathname).toBe("/rights/es/");
    expect(await page.locator(".articles li").count()).toBeGreaterThanOrEqual(10);
    await context.close();
  });

  it("opens a visited language's pages again offline, and says it is the saved copy", async () => {
    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${env.aviso.url}/rights/en/at-the-door/`);
    await expect.poll(() => page.locator("html").getAttribute("data-offline-ready")).toBe("true");
    expect(await page.locator("#offline-notice").isHidden()).toBe(true);

    await context.setOffline(true);
    await page.reload();
    expect(await page.locator("h1").textContent()).toBe("If immigration agents come to your door");
    await expect.poll(() => page.locator("#offline-notice").isVisible()).toBe(true);
    // A page of the same language not opened before is there too.
    await page.goto(`${env.aviso.url}/rights/en/if-detained/`);
    expect(await page.locator("h1").textContent()).toBe("If you are detained");
    await page.screenshot({ path: path.join(SCREENSHOTS, "rights-offline.png"), fullPage: true });
    await context.close();
  });

  it("serves a printable card per language: the holder's side in their language, the officer's in English", async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.aviso.url}/rights/es/`);
    const href = await page
      .getByRole("link", { name: "Tarjeta de derechos para imprimir (PDF)" })
      .getAttribute("href");
    expect(href).toBe("/rights/es/card.pdf");
    const response = await page.request.get(`${env.aviso.url}${href}`);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    const file = path.join(mkdtempSync(path.join(tmpdir(), "aviso-card-")), "card.pdf");
    writeFileSync(file, await response.body());
    const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
    expect(text).toContain("Su tarjeta de derechos");
    expect(text).toContain("No abra la puerta");
    expect(text).toContain("To the officer");
    expect(text).toContain("I am using my right to remain silent");

    const arabic = path.join(path.dirname(file), "card-ar.pdf");
    writeFileSync(
      arabic,
      await (await page.request.get(`${env.aviso.url}/rights/ar/card.pdf`)).body(),
    );
    const arabicText = execFileSync("pdftotext", [arabic, "-"], { encoding: "utf8" });
    expect(arabicText).toContain("بطاقة حقوقك");
    expect(arabicText).toContain("To the officer");
    await page.close();
  });

  it("has no serious or critical accessibility problems (axe) on the home and rights pages", async () => {
    const problems: string[] = [];
    for (const url of [
      "/",
      "/rights/en/",
      "/rights/en/at-the-door/",
      "/rights/es/",
      "/rights/es/at-the-door/",
      "/rights/ar/",
      "/rights/ar/at-the-door/",
    ]) {
      const context = await env.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${env.aviso.url}${url}`);
      await page.waitForLoadState("networkidle");
      const results = await new AxeBuilder({ page }).analyze();
      for (const violation of results.violations) {
        if (violation.impact === "serious" || violation.impact === "critical") {
          problems.push(
            `${url}: ${violation.id} (${violation.impact}) ${violation.nodes.map((n) => n.target.join(" ")).join(", ")}`,
          );
        }
      }
      await context.close();
    }
    expect(problems).toEqual([]);
  });
});
