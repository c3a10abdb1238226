import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  freePort,
  SCREENSHOTS,
  seriousViolations,
  signInDemo,
  useAvisoInChromium,
} from "./support.ts";

describe("alerts from the console to a resident's phone, in Chromium", () => {
  // Emailed links carry the public URL, so the server must know its own address.
  const env = useAvisoInChromium(async () => {
    const port = await freePort();
    return {
      args: ["--demo"],
      env: { PORT: String(port), AVISO_PUBLIC_URL: `http://localhost:${port}` },
    };
  });

  const staffPage = async (role: "dispatcher" | "admin") => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signInDemo(page, env.aviso.url, role);
    return { context, page };
  };
  const outboxRows = async (page: Page) => {
    await page.goto(`${env.aviso.url}/console/outbox`);
    await page.getByTestId("outbox").locator("tbody tr").first().waitFor();
    return page.getByTestId("outbox").locator("tbody tr").allTextContents();
  };

  it("subscribes by text and by email, confirms, and sees a published, signed alert on the page and in the outbox", async () => {
    const resident = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await resident.newPage();
    const dispatcher = await staffPage("dispatcher");

    // By text: the code arrives in the outbox (the demo has no SMS provider).
    await phone.goto(`${env.aviso.url}/subscribe`);
    await phone.getByLabel("Mobile phone number").fill("(773) 555-0177");
    await phone.getByLabel("Language for alerts").selectOption("es");
    await expect.poll(() => phone.getByLabel("Neighborhood").locator("option").count()).toBe(78);
    await phone.getByLabel("or ZIP code").fill("60623");
    await phone.getByRole("button", { name: "Text me a code" }).click();
    await phone.getByLabel("6-digit code").waitFor();
    const sms = (await outboxRows(dispatcher.page)).find((row) => row.includes("+17735550177"));
    await phone.getByLabel("6-digit code").fill(/code is (\d{6})/.exec(sms ?? "")?.[1] ?? "");
    await phone.getByRole("button", { name: "Confirm" }).click();
    await expect.poll(() => phone.locator("#done").isVisible()).toBe(true);

    // By email: the link arrives in the outbox; opening it confirms.
    const mail = await resident.newPage();
    await mail.goto(`${env.aviso.url}/subscribe`);
    await mail.getByLabel("Email").check();
    await mail.getByLabel("Email address").fill("Rosa.Vecina@example.org");
    await mail.getByLabel("or ZIP code").fill("60623");
    // A second neighborhood, chosen on the map of outlines (tap, or Enter on a focused area).
    await mail.getByText("Or choose neighborhoods on a map").click();
    await mail.getByRole("checkbox", { name: "Lower West Side" }).click();
    await expect
      .poll(() => mail.locator("#map-chosen").textContent())
      .toBe("Chosen on the map: Lower West Side");
    await mail.screenshot({ path: path.join(SCREENSHOTS, "subscribe-map.png"), fullPage: true });
    await mail.getByRole("button", { name: "Email me a link" }).click();
    await expect.poll(() => mail.locator("#check-email").isVisible()).toBe(true);
    const email = (await outboxRows(dispatcher.page)).find((row) =>
      row.includes("rosa.vecina@example.org"),
    );
    expect(email).toMatch(/60623, Lower West Side|Lower West Side, 60623/);
    const link = /(https?:\/\/\S+\/subscribe\?confirm=\S+&code=[A-Za-z0-9_-]{43})/.exec(
      email ?? "",
    )?.[1];
    expect(link).toBeDefined();
    await mail.goto(link ?? "");
    await expect.poll(() => mail.locator("#done").isVisible()).toBe(true);

    // The dispatcher composes from the template; another person (the admin) approves.
    const console = dispatcher.page;
    await console.goto(`${env.aviso.url}/console/alerts/new`);
    await console.getByLabel("Kind of alert").selectOption("activity_confirmed");
    await console.getByLabel("Find an area by name or ZIP code").fill("60623");
    await console.getByRole("checkbox", { name: "60623", exact: true }).check();
    await console.getByLabel("When (time window, written into the text)").fill("today 2-4 pm");
    await console.getByRole("button", { name: "Fill from template" }).click();
    await expect
      .poll(() => console.getByTestId("estimate-summary").textContent())
      .toContain("2 recipients");
    await console.screenshot({
      path: path.join(SCREENSHOTS, "alert-composer.png"),
      fullPage: true,
    });
    await console.getByRole("button", { name: "Send for approval" }).click();
    await console.getByTestId("alert-status").waitFor();
    const alertUrl = console.url();
    await console.getByRole("button", { name: "Approve and send" }).click();
    await expect
      .poll(() => console.getByRole("alert").first().textContent())
      .toContain("Another dispatcher must approve");

    const admin = await staffPage("admin");
    await admin.page.goto(alertUrl);
    // The page polls while the alert waits; approve once it has loaded.
    await admin.page.getByTestId("alert-status").waitFor();
    await admin.page.getByRole("button", { name: "Approve and send" }).click();
    await expect.poll(() => admin.page.getByTestId("alert-status").textContent()).toBe("Sent");
    const details = (await admin.page.locator("dl.facts").first().textContent()) ?? "";
    expect(details).toContain("Composed byDemo Dispatcher (fake)Created");
    expect(details).toContain("Approved byDemo Admin (fake) (you)Approved");
    const code = (await admin.page.getByTestId("verification-code").textContent()) ?? "";
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
    await admin.page.screenshot({ path: path.join(SCREENSHOTS, "alert-sent.png"), fullPage: true });

    // The resident's phone: the page of what is true now shows it, in Spanish, with its code.
    await phone.goto(`${env.aviso.url}/now/es/`);
    const notice = phone.locator(".notice").first();
    expect(await notice.textContent()).toContain("CONFIRMADO");
    expect(await notice.textContent()).toContain("60623");
    expect(await notice.textContent()).toContain(code);
    await phone.screenshot({ path: path.join(SCREENSHOTS, "now-with-alert.png"), fullPage: true });
    expect(await seriousViolations(phone)).toEqual([]);

    // And the alert itself went out, with the same code, by text and by email.
    const sent = await outboxRows(dispatcher.page);
    // The Spanish text's count on the alert's page is of the Spanish SMS as it went out (its
    // own footer, longer than the English one).
    const spanishSms = await dispatcher.page
      .getByTestId("outbox")
      .locator("tbody tr", { hasText: "+17735550177" })
      .filter({ hasText: code })
      .locator("td")
      .nth(2)
      .textContent();
    expect(spanishSms).toContain("Verifique el código");
    expect(await admin.page.locator("#alert-count-es").textContent()).toContain(
      `UCS-2 (Unicode), ${spanishSms?.length} characters`,
    );
    expect(sent.find((row) => row.includes("+17735550177") && row.includes(code))).toBeDefined();
    expect(
      sent.find((row) => row.includes("rosa.vecina@example.org") && row.includes(code)),
    ).toBeDefined();

    await admin.context.close();
    await dispatcher.context.close();
    await resident.close();
  });
});
