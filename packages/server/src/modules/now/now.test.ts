import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { NowService, type PublicNotice } from "./now.service.ts";

describe("what is true now", () => {
  let harness: TestApp;
  afterEach(() => harness.close());

  it("says nothing is in force, in the reader's language, never cached", async () => {
    harness = await createTestApp("sqlite");
    const redirect = await harness.app.inject({
      url: "/now",
      headers: { "accept-language": "es-MX,es;q=0.9,en;q=0.5" },
    });
    expect(redirect.headers.location).toBe("/now/es/");
    const page = await harness.app.inject("/now/es/");
    expect(page.statusCode).toBe(200);
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.body).toContain('<html lang="es" dir="ltr">');
    expect(page.body).toContain("No hay alertas verificadas ni correcciones de rumores vigentes");
    expect(page.body).toContain("Aviso Test");
    expect((await harness.app.inject("/now/ur/")).body).toContain('dir="rtl"');
    const unknown = await harness.app.inject("/now/xx/");
    expect(unknown.statusCode).toBe(400);
  });

  it("shows only notices in force, with area, time window and verification code", async () => {
    harness = await createTestApp("sqlite");
    const notice = (validUntil: string, text: string): PublicNotice => ({
      kind: "rumor_false",
      lang: "en",
      text,
      areaNames: ["South Lawndale"],
      validFrom: "2026-11-28T10:00:00.000Z",
      validUntil,
      verificationCode: "K7Q-2MX",
    });
    const service = new NowService(
      async () => [
        notice("2026-11-28T16:00:00.000Z", "No enforcement at 26th and Pulaski <b>"),
        notice("2026-11-28T11:00:00.000Z", "Old news"),
      ],
      () => new Date("2026-11-28T12:00:00.000Z"),
    );
    const inForce = await service.inForce("en");
    expect(inForce.map((n) => n.text)).toEqual(["No enforcement at 26th and Pulaski <b>"]);
  });
});
