import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningAviso, SCREENSHOTS, startAviso, useAvisoInChromium } from "./support.ts";

/** Names and numbers no other test uses, so finding one anywhere means the plan leaked. */
const SECRET = {
  contact: "Wenceslao Okafor-Piñeda",
  contactPhone: "773-555-0142",
  second: "Philippa Ndiaye-Kowalczyk",
  secondPhone: "312-555-0187",
  child: "Itzayana Brightwater",
  pickup: "Remedios Achterberg",
  aNumber: "208331947",
  message: "the blue zapote tin above the wardrobe",
};
const PASSPHRASE = "violeta-tormenta-47-ladrillo";
const PHONE = { viewport: { width: 390, height: 844 } };

/** Fills and saves a plan in the builder as a resident would; returns its code. */
async function buildAndSave(page: Page, url: string): Promise<string> {
  await page.goto(`${url}/plan?lang=en`);
  await page.getByRole("button", { name: "Make a new plan" }).click();
  await page.getByLabel("Name", { exact: true }).fill(SECRET.contact);
  await page.getByLabel("Phone", { exact: true }).fill(SECRET.contactPhone);
  await page.getByLabel("Relationship").first().fill("brother");
  await page.getByRole("button", { name: "Add a contact" }).click();
  await page.getByLabel("Name", { exact: true }).nth(1).fill(SECRET.second);
  await page.getByLabel("Phone", { exact: true }).nth(1).fill(SECRET.secondPhone);
  await page.getByRole("button", { name: "Add a child" }).click();
  await page.getByLabel("Child's name").fill(SECRET.child);
  await page.getByLabel("Who picks them up").fill(SECRET.pickup);
  await page.getByLabel("Passports (old ones too)", { exact: true }).check();
  await page.getByLabel("A-number", { exact: true }).fill(SECRET.aNumber);
  await page.getByLabel("Message").fill(SECRET.message);
  await page.getByRole("button", { name: "Save plan" }).click();
  await page.getByLabel("Passphrase", { exact: true }).fill("abc123");
  await page.getByLabel("Passphrase again").fill("abc123");
  await page.locator("#passphrase-save").click();
  await expect.poll(() => page.getByRole("alert").textContent()).toContain("too easy to guess");
  await page.getByLabel("Passphrase", { exact: true }).fill(PASSPHRASE);
  await page.getByLabel("Passphrase again").fill(PASSPHRASE);
  await page.locator("#passphrase-save").click();
  const code = page.locator("#saved-code");
  await code.waitFor({ timeout: 30_000 });
  return (await code.textContent()) ?? "";
}

/** What a thief would search for: every name and number, in the forms they were typed. */
const needles = () => [
  SECRET.contact,
  "Okafor",
  "5550142",
  "555-0142",
  SECRET.second,
  "5550187",
  "Itzayana",
  "Achterberg",
  SECRET.aNumber,
  "zapote",
  PASSPHRASE,
];

describe("family plans in Chromium", () => {
  const env = useAvisoInChromium();

  it("builds and saves a plan, opens it elsewhere with the code and passphrase, and leaves nothing readable on the server", async () => {
    const owner = await env.browser.newContext(PHONE);
    const page = await owner.newPage();
    const code = await buildAndSave(page, env.aviso.url);
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
    expect(await page.locator(".saved img.qr").count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, "plan-saved.png"), fullPage: true });

    // A second device: the code from a scanned QR, a wrong passphrase, then the right one.
    const other = await env.browser.newContext(PHONE);
    const second = await other.newPage();
    await second.goto(`${env.aviso.url}/plan#open=${code}`);
    expect(await second.getByLabel("Plan code").inputValue()).toBe(code);
    await second.getByLabel("Passphrase").first().fill("violeta-tormenta-47-ladrilla");
    await second.getByRole("button", { name: "Open" }).first().click();
    await expect
      .poll(() => second.getByRole("alert").textContent())
      .toBe("That passphrase does not open this plan. Check it and try again.");
    await second.getByLabel("Passphrase").first().fill(PASSPHRASE);
    await second.getByRole("button", { name: "Open" }).first().click();
    await second.getByLabel("Child's name").waitFor();
    expect(await second.getByLabel("Name", { exact: true }).first().inputValue()).toBe(
      SECRET.contact,
    );
    expect(await second.getByLabel("Name", { exact: true }).nth(1).inputValue()).toBe(
      SECRET.second,
    );
    expect(await second.getByLabel("Child's name").inputValue()).toBe(SECRET.child);
    expect(await second.getByLabel("A-number", { exact: true }).inputValue()).toBe(SECRET.aNumber);
    expect(await second.getByLabel("Passports (old ones too)", { exact: true }).isChecked()).toBe(
      true,
    );

    // The second device edits and saves; the first sees the change after opening again.
    await second.getByLabel("Country of birth").fill("Guatemala");
    await second.getByRole("button", { name: "Save plan" }).click();
    await second.locator("#saved-code").waitFor();
    await page.goto(`${env.aviso.url}/plan#open=${code}`);
    await page.getByLabel("Passphrase").first().fill(PASSPHRASE);
    await page.getByRole("button", { name: "Open" }).first().click();
    await page.getByLabel("Country of birth").waitFor();
    expect(await page.getByLabel("Country of birth").inputValue()).toBe("Guatemala");

    // "I've been detained": an sms: link to both contacts, sent from the phone itself.
    await page.getByRole("button", { name: "I've been detained" }).click();
    const sms = (await page.locator("#detained-sms").getAttribute("href")) ?? "";
    expect(sms).toMatch(/^sms:7735550142,3125550187\?&body=/);
    expect(decodeURIComponent(sms)).toContain("1-855-435-7693");

    const file = path.join(env.aviso.dataDir, "aviso.db");
    const raw = [file, `${file}-wal`]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f).toString("utf8") + readFileSync(f).toString("latin1"))
      .join("");
    expect(raw).toContain("plans");
    for (const needle of needles()) {
      expect(raw, needle).not.toContain(needle);
      expect(env.aviso.output(), needle).not.toContain(needle);
    }
    await owner.close();
    await other.close();
  });

  it("shares read-only by link until taken back, and opens a 2-of-3 split with two parts, not one", async () => {
    const owner = await env.browser.newContext(PHONE);
    const page = await owner.newPage();
    await buildAndSave(page, env.aviso.url);
    await page.getByRole("button", { name: "Share" }).click();
    await page.getByRole("button", { name: "Make a link" }).click();
    const link = (await page.locator("#share-url").textContent()) ?? "";
    expect(link).toContain("/plan#share=");

    const reader = await env.browser.newContext(PHONE);
    const read = await reader.newPage();
    await read.goto(link);
    await read.getByText("You are reading a plan someone shared with you").waitFor();
    expect(await read.getByLabel("Name", { exact: true }).first().inputValue()).toBe(
      SECRET.contact,
    );
    expect(await read.getByLabel("Name", { exact: true }).first().isDisabled()).toBe(true);
    expect(await read.getByRole("button", { name: "Save plan" }).count()).toBe(0);

    await page.getByRole("button", { name: "Take back" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Take back" }).count()).toBe(0);
    await read.goto("about:blank");
    await read.goto(link);
    await expect
      .poll(() => read.getByRole("alert").textContent())
      .toContain("This link no longer works");

    await page.getByLabel("Parts", { exact: true }).selectOption("3");
    await page.getByLabel("Parts needed to open").selectOption("2");
    await page.getByRole("button", { name: "Make the parts" }).click();
    await expect.poll(() => page.locator(".part-url").count()).toBe(3);
    const parts = await page.locator(".part-url").allTextContents();
    await page.screenshot({ path: path.join(SCREENSHOTS, "plan-parts.png"), fullPage: true });

    const holder = await reader.newPage();
    await holder.goto(parts[0] ?? "");
    await holder.getByText("You have 1 of the 2 parts needed.").waitFor();
    await holder.getByRole("button", { name: "Open", exact: true }).click();
    await expect
      .poll(() => holder.getByRole("alert").textContent())
      .toContain("These parts do not open the plan");
    await holder.getByLabel("Add another part (paste its link)").fill(parts[2] ?? "");
    await holder.getByRole("button", { name: "Add another part (paste its link)" }).click();
    await holder.getByText("You have 2 of the 2 parts needed.").waitFor();
    await holder.getByRole("button", { name: "Open", exact: true }).click();
    await holder.getByLabel("Child's name").waitFor();
    expect(await holder.getByLabel("Child's name").inputValue()).toBe(SECRET.child);
    await owner.close();
    await reader.close();
  });

  it("works offline after one visit: prints with a warning, and locks a backup file that opens again", async () => {
    const context = await env.browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${env.aviso.url}/plan?lang=es`);
    await expect.poll(() => page.locator("html").getAttribute("data-offline-ready")).toBe("true");
    await context.setOffline(true);
    await page.reload();
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    await page.getByRole("button", { name: "Hacer un plan nuevo" }).click();
    await page.getByLabel("Nombre", { exact: true }).fill("Prueba sin red");
    await page.emulateMedia({ media: "print" });
    await page.evaluate('window.dispatchEvent(new Event("beforeprint"))');
    expect(await page.locator("#print-view").isVisible()).toBe(true);
    expect(await page.locator(".sections").isVisible()).toBe(false);
    expect(await page.locator("#print-view").textContent()).toContain("Prueba sin red");
    await page.screenshot({ path: path.join(SCREENSHOTS, "plan-print-es.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });

    // Still offline: lock the plan into a backup file, then open that file again.
    await page.getByRole("button", { name: "Descargar respaldo" }).click();
    await page.locator("#passphrase").fill(PASSPHRASE);
    await page.locator("#passphrase-again").fill(PASSPHRASE);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("#passphrase-save").click(),
    ]);
    const file = path.join(SCREENSHOTS, "..", "plan-backup.json");
    await download.saveAs(file);
    const backup = readFileSync(file, "utf8");
    expect(JSON.parse(backup)).toMatchObject({ format: "aviso-plan-backup", version: 1 });
    expect(backup).not.toContain("Prueba sin red");
    await page.goto(`${env.aviso.url}/plan?lang=es`);
    await page.locator("#open-file").setInputFiles(file);
    await page.locator("#file-passphrase").fill(PASSPHRASE);
    await page.locator("#file-passphrase").press("Enter");
    await page.locator("#section-contacts").waitFor();
    expect(await page.getByLabel("Nombre", { exact: true }).inputValue()).toBe("Prueba sin red");
    await context.close();
  });

  it("has no serious or critical accessibility problems (axe) in English, Spanish and Arabic", async () => {
    const problems: string[] = [];
    for (const lang of ["en", "es", "ar"]) {
      const context = await env.browser.newContext(PHONE);
      const page = await context.newPage();
      await page.goto(`${env.aviso.url}/plan?lang=${lang}`);
      expect(await page.locator("html").getAttribute("dir")).toBe(lang === "ar" ? "rtl" : "ltr");
      await page.locator("#new-plan").click();
      await page.locator("#section-contacts").waitFor();
      for (const results of [await new AxeBuilder({ page }).analyze()]) {
        for (const violation of results.violations) {
          if (violation.impact === "serious" || violation.impact === "critical") {
            problems.push(
              `${lang}: ${violation.id} (${violation.impact}) ${violation.nodes.map((n) => n.target.join(" ")).join(", ")}`,
            );
          }
        }
      }
      await page.screenshot({ path: path.join(SCREENSHOTS, `plan-${lang}.png`), fullPage: true });
      await context.close();
    }
    expect(problems).toEqual([]);
  });
});

/** The same plan saved against a server on PostgreSQL, then a pg_dump searched for it. */
describe.runIf(process.env.AVISO_TEST_DATABASE_URL)("family plans on PostgreSQL", () => {
  const admin = process.env.AVISO_TEST_DATABASE_URL ?? "";
  const database = `aviso_e2e_plan_${randomBytes(4).toString("hex")}`;
  const url = new URL(admin || "postgres://unset/unset");
  url.pathname = `/${database}`;
  let aviso: RunningAviso | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${database}`);
    await client.end();
    aviso = await startAviso([], { AVISO_DATABASE_URL: url.toString() });
    const { launchChromium } = await import("./support.ts");
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await aviso?.stop();
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${database}`);
    await client.end();
  });

  it("leaves none of the plan's names or numbers in a pg_dump or the logs", async () => {
    if (!aviso || !browser) throw new Error("not started");
    const context = await browser.newContext(PHONE);
    await buildAndSave(await context.newPage(), aviso.url);
    await context.close();
    const dump = execFileSync("pg_dump", ["--no-owner", url.toString()], {
      encoding: "utf8",
      maxBuffer: 512 * 1024 * 1024,
    });
    expect(dump).toContain("plans");
    for (const needle of needles()) {
      expect(dump, needle).not.toContain(needle);
      expect(aviso.output(), needle).not.toContain(needle);
    }
  });
});
