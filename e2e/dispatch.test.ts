import path from "node:path";
import { describe, expect, it } from "vitest";
import { SCREENSHOTS, seriousViolations, signInDemo, useAvisoInChromium } from "./support.ts";

describe("from a resident's report to a confirmed incident, in Chromium", () => {
  const env = useAvisoInChromium(async () => ({ args: ["--demo"] }));

  const residentReports = async (activity: string, place: string) => {
    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${env.aviso.url}/report`);
    await page.getByLabel("What are they doing? (required)").fill(activity);
    await page.getByLabel("or a ZIP code or neighborhood").fill(place);
    await page.getByRole("button", { name: "Send report" }).click();
    await expect
      .poll(() => page.locator("#receipt").textContent())
      .toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const receipt = (await page.locator("#receipt").textContent()) ?? "";
    const sentAt = Date.now();
    await context.close();
    return { receipt, sentAt };
  };

  it("shows a report live, merges a second, dispatches a responder who confirms, and shows the timeline", async () => {
    const desk = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const dispatcher = await desk.newPage();
    await signInDemo(dispatcher, env.aviso.url, "dispatcher");
    await dispatcher.goto(`${env.aviso.url}/console/queue`);
    await expect
      .poll(() => dispatcher.getByText("Live: new reports appear by themselves.").count())
      .toBe(1);
    const navigations: string[] = [];
    dispatcher.on("framenavigated", (frame) => {
      if (frame === dispatcher.mainFrame()) navigations.push(frame.url());
    });

    // A resident reports from a phone; the queue shows it within a second, without a reload.
    const first = await residentReports("Two vans, agents in vests at the bus stop", "60623");
    const firstItem = dispatcher.locator(`[data-receipt="${first.receipt}"]`);
    await firstItem.waitFor({ timeout: 1000 });
    const shownAfterMs = Date.now() - first.sentAt;
    expect(shownAfterMs).toBeLessThan(1000);
    expect(navigations).toEqual([]);

    // Open an incident from it with the keyboard (n), then a second report is suggested for it.
    await dispatcher.keyboard.press("n");
    await dispatcher.getByRole("link", { name: /60623 · Two vans/ }).waitFor();
    const second = await residentReports("Agents stopping cars on 26th Street", "60623");
    const secondItem = dispatcher.locator(`[data-receipt="${second.receipt}"]`);
    await secondItem.getByText(/Close to 60623/).waitFor({ timeout: 2000 });
    await dispatcher.screenshot({
      path: path.join(SCREENSHOTS, "queue-suggestion.png"),
      fullPage: true,
    });
    expect(await seriousViolations(dispatcher)).toEqual([]);
    await secondItem.getByRole("button", { name: /Merge into suggested incident/ }).click();
    await expect.poll(() => secondItem.count()).toBe(0);

    // The incident page: two reports; ask the nearest available responder (the demo responder).
    await dispatcher.getByRole("link", { name: /60623 · Two vans/ }).click();
    await dispatcher.getByRole("heading", { name: /60623 · Two vans/ }).waitFor();
    await expect.poll(() => dispatcher.locator(".incident-reports > li").count()).toBe(2);
    await dispatcher.getByRole("button", { name: "Ask the nearest available" }).click();
    await dispatcher.getByRole("cell", { name: /Demo Responder \(fake\)/ }).waitFor();
    await expect
      .poll(() => dispatcher.locator("[data-status]").getAttribute("data-status"))
      .toBe("dispatched");

    // The responder, on a phone, accepts and reports what they found.
    const field = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const responder = await field.newPage();
    await signInDemo(responder, env.aviso.url, "responder");
    await responder.goto(`${env.aviso.url}/console/respond`);
    await responder.getByRole("heading", { name: /Check a report near 60623/ }).waitFor();
    await responder.getByText("Two vans, agents in vests at the bus stop").waitFor();
    await responder.getByRole("button", { name: "Accept" }).click();
    await responder.getByRole("button", { name: "On my way" }).click();
    await responder.getByRole("button", { name: "Arrived" }).waitFor();
    await responder.getByLabel("Notes (optional)").fill("Three unmarked vans, about eight agents");
    await responder.screenshot({
      path: path.join(SCREENSHOTS, "responder-request.png"),
      fullPage: true,
    });
    expect(await seriousViolations(responder)).toEqual([]);
    await responder.getByRole("button", { name: "Confirmed: I saw it" }).click();
    await responder.getByText("Outcome sent to the dispatcher.").waitFor();

    // The dispatcher's page follows without a reload: confirmed, with the whole timeline.
    await expect
      .poll(() => dispatcher.locator("[data-status]").getAttribute("data-status"), {
        timeout: 3000,
      })
      .toBe("confirmed");
    const timeline = await dispatcher.locator(".timeline li").allTextContents();
    const expected = [
      /Demo Dispatcher \(fake\): opened the incident/,
      /Demo Dispatcher \(fake\): merged a report/,
      /Demo Dispatcher \(fake\): asked Demo Responder \(fake\)/,
      /Demo Dispatcher \(fake\): Reported → Responder asked/,
      /Demo Responder \(fake\): accepted/,
      /Demo Responder \(fake\): Responder asked → Being checked/,
      /Demo Responder \(fake\): on the way/,
      /Demo Responder \(fake\): confirmed — Three unmarked vans, about eight agents/,
      /Being checked → Confirmed/,
    ];
    for (const line of expected)
      expect(
        timeline.some((t) => line.test(t)),
        `${line} in\n${timeline.join("\n")}`,
      ).toBe(true);
    await dispatcher.getByRole("cell", { name: /confirmed: Three unmarked vans/ }).waitFor();
    await dispatcher.screenshot({
      path: path.join(SCREENSHOTS, "incident-confirmed.png"),
      fullPage: true,
    });

    // "Compose alert" opens the composer with the incident's areas and the confirmed template.
    await dispatcher.getByRole("link", { name: "Compose alert" }).click();
    await dispatcher.getByRole("note").filter({ hasText: "From incident" }).waitFor();
    await expect
      .poll(() => dispatcher.getByLabel("Kind of alert").inputValue())
      .toBe("activity_confirmed");
    await expect
      .poll(() => dispatcher.getByRole("checkbox", { name: /60623/ }).isChecked())
      .toBe(true);
    await field.close();
    await desk.close();
  });

  it("takes a call at the operator's keyboard and gives the receipt to read back", async () => {
    const desk = await env.browser.newContext();
    const page = await desk.newPage();
    // An admin: the dispatcher's code was used above, and a code works once.
    await signInDemo(page, env.aviso.url, "admin");
    await page.goto(`${env.aviso.url}/console/intake`);
    await page.keyboard.type("Agents knocking on doors on Cermak");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Lower West Side");
    await page.keyboard.press("Tab");
    await page.keyboard.type("4 agents, 1 van");
    await page.keyboard.press("Control+Enter");
    await expect
      .poll(() => page.locator(".receipt").textContent())
      .toMatch(/Read the receipt to the caller: [2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/);
    // Ready for the next call: empty, with the cursor in the first field.
    expect(await page.getByLabel("What are they doing? (activity)").inputValue()).toBe("");
    expect(await page.evaluate('document.activeElement?.id.endsWith("-activity")')).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await desk.close();
  });
});
