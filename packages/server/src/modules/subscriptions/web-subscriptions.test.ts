import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { TEST_DIALECTS } from "../../../test/databases.ts";
import { chicagoAreaFile } from "../../../test/factories.ts";

describe.each(TEST_DIALECTS)("subscribing on the web on %s", (dialect) => {
  let harness: TestApp;
  let now: Date;
  beforeEach(async () => {
    now = new Date("2026-11-28T15:00:00Z");
    harness = await createTestApp(dialect, { now: () => now });
    await harness.services.areas.importAreas(chicagoAreaFile("zip-codes"), {
      kind: "zip",
      nameProperty: "zip",
    });
  });
  afterEach(() => harness.close());

  const subscribe = (contact: string, areaIds = ["zip:60623"]) =>
    harness.app.inject({
      method: "POST",
      url: "/api/subscriptions",
      payload: { channel: "sms", contact, language: "es", areaIds },
    });
  const confirm = (id: string, code: string) =>
    harness.app.inject({
      method: "POST",
      url: "/api/subscriptions/confirm",
      payload: { id, code },
    });
  const outbox = async () => {
    const dispatcher = await harness.signInAs("dispatcher");
    return (await harness.app.inject({ url: "/api/outbox", headers: dispatcher.headers })).json()
      .messages as { to: string; body: string }[];
  };

  it("texts a code through the outbox, refuses a wrong one, and confirms with the right one", async () => {
    const created = await subscribe("(312) 555-0177");
    expect(created.statusCode).toBe(201);
    const { id, status } = created.json();
    expect(status).toBe("pending");
    const [message] = await outbox();
    expect(message?.to).toBe("+13125550177");
    const code = /code is (\d{6})/.exec(message?.body ?? "")?.[1] ?? "";
    expect(message?.body).toContain("60623");

    const wrong = await confirm(id, code === "000000" ? "111111" : "000000");
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe("CODE_WRONG");
    const right = await confirm(id, code);
    expect(right.json()).toEqual({ id, status: "active" });
    expect((await confirm(id, code)).json().error.code).toBe("CODE_WRONG"); // used up
  });

  it("lets a code expire after 15 minutes", async () => {
    const { id } = (await subscribe("312-555-0178")).json();
    const code = /code is (\d{6})/.exec((await outbox())[0]?.body ?? "")?.[1] ?? "";
    now = new Date(now.getTime() + 16 * 60_000);
    expect((await confirm(id, code)).json().error.code).toBe("CODE_EXPIRED");
  });

  it("refuses the sixth code to one number in an hour, and numbers outside the allowed countries", async () => {
    for (let i = 0; i < 5; i++) expect((await subscribe("312-555-0179")).statusCode).toBe(201);
    const sixth = await subscribe("312-555-0179");
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe("CONFIRMATION_LIMIT");
    const foreign = await subscribe("+52 55 1234 5678");
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.code).toBe("COUNTRY_NOT_ALLOWED");
  });

  it("names bad input and stores nothing", async () => {
    expect((await subscribe("not a number")).json().error).toMatchObject({
      code: "CONTACT_INVALID",
      details: { field: "contact" },
    });
    expect((await subscribe("312-555-0180", ["zip:99999"])).json().error.code).toBe("AREA_UNKNOWN");
    const noAreas = await subscribe("312-555-0180", []);
    expect(noAreas.statusCode).toBe(400);
    expect(noAreas.json().error.message).toContain("choose at least one area");
    expect(await outbox()).toEqual([]);
  });

  it("answers an opted-out number exactly like any other, and sends it nothing", async () => {
    await harness.services.smsInbound.handle("+13125550181", "STOP");
    const suppressed = await subscribe("312-555-0181");
    const fresh = await subscribe("312-555-0182");
    expect(suppressed.statusCode).toBe(fresh.statusCode);
    expect(Object.keys(suppressed.json())).toEqual(Object.keys(fresh.json()));
    expect(suppressed.json().status).toBe("pending");
    expect((await outbox()).map((m) => m.to)).toEqual(["+13125550182"]);
  });
});
