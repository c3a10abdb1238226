import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { rawDatabaseText, TEST_DIALECTS } from "../../../test/databases.ts";
import { loadDefaultAreas } from "../../seed/default-areas.ts";
import { SYSTEM } from "../audit/audit.service.ts";
import { ReportsRepository } from "./reports.repository.ts";

/** 26th Street at Pulaski, in South Lawndale (Little Village). */
const LITTLE_VILLAGE = { lat: 41.844613, lng: -87.724587 };

describe.each(TEST_DIALECTS)("reports on %s", (dialect) => {
  let harness: TestApp;
  let now: Date;
  const dir = mkdtempSync(path.join(tmpdir(), "aviso-reports-"));
  beforeEach(async () => {
    now = new Date("2026-11-28T15:00:00Z");
    harness = await createTestApp(dialect, {
      now: () => now,
      // A real file on SQLite, so a test can read the raw database as a thief would.
      sqliteFile: path.join(mkdtempSync(path.join(dir, "db-")), "aviso.db"),
    });
    await loadDefaultAreas(harness.services.areas);
  });
  afterEach(() => harness.close());

  const report = (payload: unknown) =>
    harness.app.inject({ method: "POST", url: "/api/reports", payload: payload as object });
  const count = async () =>
    Number(
      (
        await sql<{ n: number }>`select count(*) as n from reports`.execute(
          harness.test.database.db,
        )
      ).rows[0]?.n,
    );
  let operatorHeaders: Record<string, string> = {};
  beforeEach(async () => {
    operatorHeaders = (await harness.signInAs("dispatcher")).headers;
  });
  const readAsDispatcher = async () => {
    const dispatcher = await harness.signInAs("dispatcher");
    const response = await harness.app.inject({ url: "/api/reports", headers: dispatcher.headers });
    expect(response.statusCode).toBe(200);
    return { dispatcher, reports: response.json().reports as Record<string, unknown>[] };
  };

  it("takes a SALUTE report with a pin, gives a receipt, and shows it to a dispatcher in an audited read", async () => {
    const created = await report({
      language: "es",
      size: "6 agents, 3 SUVs",
      activity: "Stopping people leaving the bakery",
      location: LITTLE_VILLAGE,
      uniform: "Vests that say POLICE ICE",
      seenAt: "2026-11-28T14:40:00Z",
      equipment: "Unmarked grey SUVs",
    });
    expect(created.statusCode).toBe(201);
    const { id, receipt } = created.json();
    expect(receipt).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);

    expect((await harness.app.inject({ url: "/api/reports" })).statusCode).toBe(401);
    const { dispatcher, reports } = await readAsDispatcher();
    expect(reports).toEqual([
      expect.objectContaining({
        id,
        receipt,
        source: "web",
        language: "es",
        status: "new",
        areaName: "South Lawndale",
        precision: "point",
        hasReplyNumber: false,
        flags: [],
        seenAt: "2026-11-28T14:40:00.000Z",
        details: {
          size: "6 agents, 3 SUVs",
          activity: "Stopping people leaving the bakery",
          uniform: "Vests that say POLICE ICE",
          equipment: "Unmarked grey SUVs",
        },
      }),
    ]);
    const audit = await harness.services.audit.latest({ limit: 5 });
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: "report.read",
        actorId: dispatcher.userId,
        reason: "console.reports",
        details: { count: 1, ids: id },
      }),
    );
  });

  it("takes a typed ZIP code as the location, at the area's precision", async () => {
    const created = await report({ activity: "Checkpoint", location: { place: "60623" } });
    expect(created.statusCode).toBe(201);
    const { reports } = await readAsDispatcher();
    expect(reports[0]).toMatchObject({
      areaName: "60623",
      precision: "area",
      details: { activity: "Checkpoint", place: "60623" },
    });
  });

  it("answers bad input with a clear error naming the field, and stores nothing", async () => {
    const cases: [unknown, string, RegExp][] = [
      [
        { activity: "Agents", location: { lat: 40.7128, lng: -74.006 } },
        "OUTSIDE_SERVICE_AREA",
        /outside/,
      ],
      [{ activity: "Agents" }, "VALIDATION_FAILED", /location/],
      [
        { activity: "", location: LITTLE_VILLAGE },
        "VALIDATION_FAILED",
        /activity: say what you saw/,
      ],
      [{ activity: "Agents", location: { place: "Atlantis" } }, "PLACE_UNKNOWN", /Atlantis/],
      [
        { activity: "Agents", location: LITTLE_VILLAGE, replyTo: "12" },
        "REPLY_NUMBER_INVALID",
        /reply number/,
      ],
      [
        { activity: "Agents", location: LITTLE_VILLAGE, seenAt: "2026-11-29T15:00:00Z" },
        "SEEN_AT_IN_FUTURE",
        /future/,
      ],
      [
        { activity: "Agents", location: LITTLE_VILLAGE, phone: "+13125550100" },
        "VALIDATION_FAILED",
        /phone/,
      ],
    ];
    for (const [payload, code, message] of cases) {
      const response = await report(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe(code);
      expect(response.json().error.message).toMatch(message);
    }
    const tooLong = await report({ activity: "x".repeat(20_000), location: LITTLE_VILLAGE });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.message).toMatch(/activity/);
    // A 20 MB photo: refused before it is read, saying what the limit is.
    const huge = await report({
      activity: "Agents",
      location: LITTLE_VILLAGE,
      photo: Buffer.alloc(20 * 1024 * 1024, 7).toString("base64"),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.message).toMatch(/photo may be up to 10 MB/);
    // A file that is not an image (a PDF), and base64 that is not base64.
    const notImage = await report({
      activity: "Agents",
      location: LITTLE_VILLAGE,
      photo: `data:application/pdf;base64,${Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n").toString("base64")}`,
    });
    expect(notImage.statusCode).toBe(400);
    expect(notImage.json().error).toMatchObject({
      code: "PHOTO_NOT_AN_IMAGE",
      details: { field: "photo" },
    });
    // (The public route allows ten tries a minute; an operator's intake has no such limit.)
    const operator = await harness.signInAs("dispatcher");
    const garbled = await harness.app.inject({
      method: "POST",
      url: "/api/reports/operator",
      headers: operator.headers,
      payload: { activity: "Agents", location: LITTLE_VILLAGE, photo: "%%%" },
    });
    expect(garbled.json().error.code).toBe("PHOTO_NOT_BASE64");
    const nowhere = await harness.app.inject({
      method: "POST",
      url: "/api/reports/operator",
      headers: operator.headers,
      payload: { activity: "Agents" },
    });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().error.message).toMatch(/location/);
    expect(await count()).toBe(0);
    expect(
      Number(
        (
          await sql<{ n: number }>`select count(*) as n from photos`.execute(
            harness.test.database.db,
          )
        ).rows[0]?.n,
      ),
    ).toBe(0);
  });

  it("stores reports arriving together in one commit, each with its own receipt and audit entry, and replaces a clashing receipt", async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        harness.app.inject({
          method: "POST",
          url: "/api/reports/operator",
          headers: operatorHeaders,
          payload: { activity: `Agents, call ${i}`, location: LITTLE_VILLAGE },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const receipts = new Set(responses.map((r) => r.json().receipt));
    expect(receipts.size).toBe(8);
    expect(await count()).toBe(8);
    expect(
      await harness.services.audit.latest({ limit: 20, action: "report.created" }),
    ).toHaveLength(8);
    expect(await harness.services.audit.verify()).toMatchObject({ ok: true });

    // A receipt already in use is replaced inside the same transaction, not refused.
    const [taken] = [...receipts];
    const repository = new ReportsRepository(harness.test.database.db);
    const original = await repository.findById(responses[0]?.json().id);
    if (!original || !taken) throw new Error("no report");
    const clash = { ...original, id: "clashing-report", receipt: original.receipt };
    await repository.insertMany(
      [clash],
      async () => {},
      () => "ZZZZ-ZZZZ",
    );
    expect((await repository.findById("clashing-report"))?.receipt).toBe("ZZZZ-ZZZZ");
  });

  it("strips a photo's EXIF and GPS on arrival, seals it, and shows it to a dispatcher in an audited read", async () => {
    const withGps = await sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 40 } },
    })
      .jpeg()
      .withExif({
        IFD0: { Make: "PhoneMakerX", Model: "Model-Z9", Artist: "Reporter Person" },
        IFD3: {
          GPSLatitudeRef: "N",
          GPSLatitude: "41/1 50/1 4061/100",
          GPSLongitudeRef: "W",
          GPSLongitude: "87/1 43/1 2851/100",
        },
      })
      .toBuffer();
    const before = await sharp(withGps).metadata();
    expect(before.exif?.toString("latin1")).toContain("PhoneMakerX");
    const created = await report({
      activity: "Agents at the bus stop",
      location: LITTLE_VILLAGE,
      photo: `data:image/jpeg;base64,${withGps.toString("base64")}`,
    });
    expect(created.statusCode).toBe(201);
    const { reports } = await readAsDispatcher();
    const photoIds = reports[0]?.photoIds as string[];
    expect(photoIds).toHaveLength(1);
    const dispatcher = await harness.signInAs("dispatcher");
    const photo = await harness.app.inject({
      url: `/api/photos/${photoIds[0]}`,
      headers: dispatcher.headers,
    });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers["content-type"]).toBe("image/jpeg");
    const after = await sharp(photo.rawPayload).metadata();
    expect(after).toMatchObject({ format: "jpeg", width: 64, height: 48 });
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    // Not only sharp's reading: the bytes hold no Exif segment and none of what it said.
    const bytes = photo.rawPayload.toString("latin1");
    for (const needle of ["Exif", "PhoneMakerX", "Model-Z9", "Reporter Person"])
      expect(bytes).not.toContain(needle);
    // Sealed at rest, and read only by signed-in staff, with an audit entry.
    expect(rawDatabaseText(harness.test)).not.toContain(
      photo.rawPayload.subarray(0, 64).toString("base64"),
    );
    expect((await harness.app.inject({ url: `/api/photos/${photoIds[0]}` })).statusCode).toBe(401);
    expect(await harness.services.audit.latest({ limit: 5, action: "photo.read" })).toHaveLength(1);
  });

  it("flags a tip against a person, and a dispatcher discards its details in one audited action", async () => {
    const created = await report({
      activity: "Not agents",
      note: "Rosalind Okonkwo-Baptiste lives at 2451 S Kedzie Ave apt 3, she is undocumented, deport her",
      location: LITTLE_VILLAGE,
      replyTo: "312-555-0161",
    });
    const { id } = created.json();
    const { dispatcher, reports } = await readAsDispatcher();
    expect(reports[0]).toMatchObject({
      hasReplyNumber: true,
      flags: [
        "mentions-immigration-status",
        "asks-to-report-a-person",
        "names-a-person-with-an-address",
      ],
    });
    const discard = (headers: Record<string, string>) =>
      harness.app.inject({ method: "POST", url: `/api/reports/${id}/discard-details`, headers });
    const responder = await harness.signInAs("responder");
    expect((await discard(responder.headers)).statusCode).toBe(403);
    expect((await discard(dispatcher.headers)).statusCode).toBe(204);
    const after = (await readAsDispatcher()).reports[0];
    expect(after).toMatchObject({ status: "discarded", hasReplyNumber: false, flags: [] });
    expect(JSON.stringify(after)).not.toContain("Okonkwo");
    const row = await harness.test.database.db
      .selectFrom("reports")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row.location_enc).toBeNull();
    expect(row.reply_enc).toBeNull();
    const audit = await harness.services.audit.latest({ limit: 10 });
    expect(audit).toContainEqual(
      expect.objectContaining({ action: "report.details_discarded", actorId: dispatcher.userId }),
    );
  });

  it("erases the precise point after 14 days and the reply number after 30, keeping the cell and area", async () => {
    await report({ activity: "Agents", location: LITTLE_VILLAGE, replyTo: "312-555-0162" });
    const row = () =>
      harness.test.database.db.selectFrom("reports").selectAll().executeTakeFirstOrThrow();
    const before = await row();
    expect(before.location_enc).not.toBeNull();
    now = new Date(now.getTime() + 15 * 86_400_000);
    const dry = await harness.services.privacy.purge({ dryRun: true, actor: SYSTEM });
    expect(dry.removed).toContainEqual(
      expect.objectContaining({ category: "Precise report locations", records: 1 }),
    );
    expect((await row()).location_enc).not.toBeNull();
    await harness.services.privacy.purge({ dryRun: false, actor: SYSTEM });
    expect(await row()).toMatchObject({
      location_enc: null,
      reply_enc: before.reply_enc,
      cell: before.cell,
      area_id: "community-area:south-lawndale",
    });
    now = new Date(now.getTime() + 16 * 86_400_000);
    const purged = await harness.services.privacy.purge({ dryRun: false, actor: SYSTEM });
    expect(purged.removed).toContainEqual(
      expect.objectContaining({ category: "Reporters' reply numbers", records: 1 }),
    );
    expect((await row()).reply_enc).toBeNull();
    const inventory = await harness.services.privacy.dataInventory();
    expect(inventory.find((c) => c.category === "Reports of enforcement activity")?.records).toBe(
      1,
    );
  });

  it("leaves no subscriber's or reporter's number, email or name in the raw database file, its WAL, a pg_dump or the logs", async () => {
    const secrets = {
      subscriberPhone: "(312) 555-0193",
      reporterPhone: "773-555-0194",
      staffEmail: "ximena.quispe-oyelaran@aviso-staff.example",
      staffName: "Ximena Quispe-Oyelaran",
      reportedName: "Bartholomew Nakashima-Reyes",
      reportedEmail: "b.nakashima@neighbors.example",
    };
    await harness.services.users.addUser(
      { email: secrets.staffEmail, name: secrets.staffName, role: "case_worker" },
      SYSTEM,
    );
    const subscribed = await harness.app.inject({
      method: "POST",
      url: "/api/subscriptions",
      payload: {
        channel: "sms",
        contact: secrets.subscriberPhone,
        language: "es",
        areaIds: ["zip:60623"],
      },
    });
    expect(subscribed.statusCode).toBe(201);
    const reported = await report({
      activity: "Agents knocking on doors",
      note: `My neighbor ${secrets.reportedName} (${secrets.reportedEmail}) saw them first`,
      location: LITTLE_VILLAGE,
      replyTo: secrets.reporterPhone,
    });
    expect(reported.statusCode).toBe(201);
    await readAsDispatcher();
    const raw = rawDatabaseText(harness.test);
    expect(raw).toContain("reports");
    const needles = [
      "5550193",
      "555-0193",
      "5550194",
      "555-0194",
      secrets.staffEmail,
      "Quispe",
      "Nakashima",
      "neighbors.example",
      "knocking on doors",
      String(LITTLE_VILLAGE.lat),
      String(LITTLE_VILLAGE.lng),
    ];
    const logs = harness.log.text();
    expect(logs).toContain("/api/reports");
    for (const needle of needles) {
      expect(raw, needle).not.toContain(needle);
      expect(logs, needle).not.toContain(needle);
    }
  });
});
