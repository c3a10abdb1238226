import { INCIDENT_STATUSES, type IncidentStatus, metersBetween } from "@aviso/core";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type SignedIn, type TestApp } from "../../../test/app.ts";
import { TEST_DIALECTS } from "../../../test/databases.ts";
import { startPushEndpoint, trustingAgent } from "../../../test/push-endpoint.ts";
import { loadDefaultAreas } from "../../seed/default-areas.ts";
import { SYSTEM } from "../audit/audit.service.ts";

/** 26th Street at Pulaski, in South Lawndale (Little Village). */
const LITTLE_VILLAGE = { lat: 41.844613, lng: -87.724587 };
/** About 300 m north of it. */
const NEARBY = { lat: 41.847313, lng: -87.724587 };
/** About 2 km north of it. */
const FAR = { lat: 41.862613, lng: -87.724587 };
/** Rogers Park, at the north end of the city. */
const ROGERS_PARK = { lat: 42.0087, lng: -87.6664 };

/**
 * Every move an incident may make, written out by hand from the issue
 * (reported → dispatched → verifying → confirmed | unconfirmed | false_report → closed, plus
 * reopened), so this test checks `@aviso/core` rather than repeating it.
 */
const ALLOWED: Record<IncidentStatus, IncidentStatus[]> = {
  reported: ["dispatched", "verifying", "confirmed", "unconfirmed", "false_report", "closed"],
  dispatched: ["verifying", "confirmed", "unconfirmed", "false_report", "closed"],
  verifying: ["confirmed", "unconfirmed", "false_report", "closed"],
  confirmed: ["closed"],
  unconfirmed: ["confirmed", "false_report", "closed"],
  false_report: ["closed"],
  closed: ["reopened"],
  reopened: ["dispatched", "verifying", "confirmed", "unconfirmed", "false_report", "closed"],
};

describe.each(TEST_DIALECTS)("incidents on %s", (dialect) => {
  let harness: TestApp;
  let now: Date;
  let dispatcher: SignedIn;
  beforeEach(async () => {
    now = new Date("2026-11-28T15:00:00Z");
    harness = await createTestApp(dialect, {
      now: () => now,
      env: { AVISO_DISPATCH_WAVE_SIZE: "1", AVISO_DISPATCH_ACCEPT_MINUTES: "5" },
    });
    await loadDefaultAreas(harness.services.areas);
    dispatcher = await harness.signInAs("dispatcher");
  });
  afterEach(() => harness.close());

  const call = (method: "GET" | "POST" | "PUT", url: string, who: SignedIn, payload?: object) =>
    harness.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const report = async (payload: object) => {
    const response = await harness.app.inject({ method: "POST", url: "/api/reports", payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const open = async (reportId: string, isCleared?: boolean) => {
    const response = await call("POST", "/api/incidents", dispatcher, {
      reportId,
      ...(isCleared ? { isCleared } : {}),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
  const queue = async () => {
    const response = await call("GET", "/api/incidents/queue", dispatcher);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const detail = async (id: string) => {
    const response = await call("GET", `/api/incidents/${id}`, dispatcher);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const areaAt = async (point: { lat: number; lng: number }) => {
    const areas = await harness.services.areas.lookup(point);
    const area = areas.find((a) => a.kind === "community-area");
    if (!area) throw new Error("no community area there");
    return area.id;
  };

  it("suggests merging a report close in place and time, not one far away or hours later, and merges on request", async () => {
    const first = await report({ activity: "Two vans, agents in vests", location: LITTLE_VILLAGE });
    const incidentId = await open(first);
    now = new Date("2026-11-28T16:00:00Z");
    const close = await report({ activity: "Agents stopping cars", location: NEARBY });
    const far = await report({ activity: "Agents at the station", location: FAR });
    now = new Date("2026-11-28T19:30:00Z");
    const late = await report({ activity: "Vans again", location: LITTLE_VILLAGE });
    const typed = await report({ activity: "Agents on 26th", location: { place: "60623" } });
    dispatcher = await harness.signInAs("dispatcher"); // the first session idled out meanwhile

    const { reports, incidents } = await queue();
    const byId = new Map<string, { suggestion: { incidentId: string; meters: number } | null }>(
      reports.map((r: { id: string }) => [r.id, r]),
    );
    expect(byId.has(first)).toBe(false); // it belongs to the incident now
    expect(byId.get(close)?.suggestion).toMatchObject({ incidentId });
    expect(byId.get(close)?.suggestion?.meters).toBeGreaterThan(250);
    expect(byId.get(close)?.suggestion?.meters).toBeLessThan(350);
    expect(byId.get(far)?.suggestion).toBeNull();
    expect(byId.get(late)?.suggestion).toBeNull(); // 4.5 h after the last report, over 3 h
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ id: incidentId, status: "reported", reportCount: 1 });
    expect(typed).toBeDefined();

    const merged = await call("POST", `/api/incidents/${incidentId}/reports`, dispatcher, {
      reportId: close,
    });
    expect(merged.statusCode, merged.body).toBe(204);
    const incident = await detail(incidentId);
    expect(incident.reportCount).toBe(2);
    expect(incident.reports.map((r: { id: string }) => r.id)).toEqual([first, close]);
    // The centroid moved to between the two reports.
    expect(incident.centroid.lat).toBeCloseTo((LITTLE_VILLAGE.lat + NEARBY.lat) / 2, 5);
    expect(incident.timeline.map((e: { kind: string }) => e.kind)).toEqual(["created", "merged"]);
    expect(incident.timeline[1].actorName).toBe("Test dispatcher");
    // A report merges once.
    const again = await call("POST", `/api/incidents/${incidentId}/reports`, dispatcher, {
      reportId: close,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("REPORT_ALREADY_IN_INCIDENT");
  });

  it("allows exactly the status moves of the lifecycle, each on the timeline and in the audit trail", async () => {
    const incidentId = await open(await report({ activity: "Agents", location: LITTLE_VILLAGE }));
    const refused: string[] = [];
    const wrong: string[] = [];
    for (const from of INCIDENT_STATUSES) {
      for (const to of INCIDENT_STATUSES) {
        await sql`update incidents set status = ${from} where id = ${incidentId}`.execute(
          harness.test.database.db,
        );
        const response = await call("POST", `/api/incidents/${incidentId}/status`, dispatcher, {
          status: to,
          note: `${from} to ${to}`,
        });
        const isAllowed = ALLOWED[from].includes(to);
        if (response.statusCode !== (isAllowed ? 204 : 409))
          wrong.push(`${from}→${to}: ${response.statusCode}`);
        if (!isAllowed) {
          expect(response.json().error).toMatchObject({
            code: "INCIDENT_TRANSITION_REFUSED",
            details: { from, to },
          });
          refused.push(`${from}→${to}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    const allowedCount = Object.values(ALLOWED).flat().length;
    expect(refused).toHaveLength(64 - allowedCount);
    const { timeline } = await detail(incidentId);
    const moves = timeline.filter((e: { kind: string }) => e.kind === "status");
    expect(moves).toHaveLength(allowedCount);
    expect(moves[0]).toMatchObject({
      fromStatus: "reported",
      toStatus: "dispatched",
      detail: "reported to dispatched",
      actorName: "Test dispatcher",
      actorRole: "dispatcher",
    });
    const audited = await harness.services.audit.latest({
      limit: 100,
      action: "incident.status_changed",
    });
    expect(audited).toHaveLength(allowedCount);
    // A responder or an anonymous caller cannot move incidents.
    const responder = await harness.signInAs("responder");
    expect(
      (await call("POST", `/api/incidents/${incidentId}/status`, responder, { status: "closed" }))
        .statusCode,
    ).toBe(403);
  });

  it("refuses to make an incident of a tip against a person until an operator clears it, and never of a discarded one", async () => {
    const tip = await report({
      activity: "Not agents",
      note: "My neighbor is undocumented, deport her",
      location: LITTLE_VILLAGE,
    });
    const flagged = await call("POST", "/api/incidents", dispatcher, { reportId: tip });
    expect(flagged.statusCode).toBe(400);
    expect(flagged.json().error.code).toBe("REPORT_FLAGGED");
    expect((await queue()).incidents).toEqual([]);

    const discarded = await call("POST", `/api/reports/${tip}/discard-details`, dispatcher);
    expect(discarded.statusCode).toBe(204);
    const refused = await call("POST", "/api/incidents", dispatcher, {
      reportId: tip,
      isCleared: true,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("REPORT_ABOUT_A_PERSON");
    // A discarded report leaves the queue.
    expect((await queue()).reports.map((r: { id: string }) => r.id)).not.toContain(tip);

    // A false alarm of the screen ("report my …" about agents) is cleared by the operator.
    const cleared = await report({
      activity: "Agents at the laundromat, I want to report my sighting to the hotline",
      note: "They asked people for papers",
      location: LITTLE_VILLAGE,
    });
    expect(await open(cleared, true)).toBeTruthy();
  });

  it("proposes the nearest responder on shift, asks by SMS with a link, escalates when nobody accepts, and follows the outcome", async () => {
    const near = await harness.signInAs("responder", "near@staff.aviso.invalid");
    const far = await harness.signInAs("responder", "far@staff.aviso.invalid");
    const offShift = await harness.signInAs("responder", "off@staff.aviso.invalid");
    const endsAt = "2026-11-28T23:00:00Z";
    for (const [who, point, phone] of [
      [near, LITTLE_VILLAGE, "312-555-0171"],
      [far, ROGERS_PARK, "312-555-0172"],
    ] as const) {
      const shift = await call("POST", "/api/responder/shift", who, {
        areaIds: [await areaAt(point)],
        endsAt,
      });
      expect(shift.statusCode, shift.body).toBe(201);
      expect((await call("PUT", "/api/responder/contact", who, { phone })).statusCode).toBe(204);
    }
    const badShift = await call("POST", "/api/responder/shift", offShift, {
      areaIds: [await areaAt(FAR)],
      endsAt: "2026-11-30T23:00:00Z",
    });
    expect(badShift.json().error.code).toBe("SHIFT_END_INVALID");
    const badPhone = await call("PUT", "/api/responder/contact", offShift, { phone: "12" });
    expect(badPhone.json().error.code).toBe("PHONE_INVALID");

    const incidentId = await open(await report({ activity: "Agents", location: LITTLE_VILLAGE }));
    const proposals = (
      await call("GET", `/api/incidents/${incidentId}/responders`, dispatcher)
    ).json().responders;
    expect(proposals.map((p: { responderId: string }) => p.responderId)).toEqual([
      near.userId,
      far.userId,
    ]);
    expect(proposals[0].distance).toBeLessThan(proposals[1].distance);

    const asked = await call("POST", `/api/incidents/${incidentId}/dispatches`, dispatcher, {});
    expect(asked.statusCode, asked.body).toBe(201);
    const [firstAsk] = asked.json().dispatches;
    expect(firstAsk).toMatchObject({ responderId: near.userId, status: "asked", wave: 1 });
    expect((await detail(incidentId)).status).toBe("dispatched");
    const texts = await harness.services.outbox.latest();
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ channel: "sms", to: "+13125550171" });
    expect(texts[0]?.body).toContain(`https://aviso.test/console/respond/${firstAsk.id}`);
    expect(texts[0]?.body).not.toContain("Agents"); // what was reported stays behind the sign-in

    // Four minutes: nothing yet. Six: the near responder's request expires, the far one is asked.
    now = new Date("2026-11-28T15:04:00Z");
    expect(await harness.services.dispatch.escalate()).toBe(0);
    now = new Date("2026-11-28T15:06:00Z");
    // Two runs at once (two processes): one escalates, nobody is asked twice.
    const runs = await Promise.all([
      harness.services.dispatch.escalate(),
      harness.services.dispatch.escalate(),
    ]);
    expect(runs.sort()).toEqual([0, 1]);
    expect(await harness.services.dispatch.escalate()).toBe(0);
    expect(
      (await harness.services.outbox.latest()).filter((m) => m.to === "+13125550172"),
    ).toHaveLength(1);
    let incident = await detail(incidentId);
    expect(
      incident.dispatches.map((d: { status: string; wave: number }) => [d.status, d.wave]),
    ).toEqual([
      ["expired", 1],
      ["asked", 2],
    ]);
    expect(incident.escalated).toBe(true);
    const escalation = incident.timeline.find((e: { kind: string }) => e.kind === "escalated");
    expect(escalation.detail).toMatch(/nobody accepted in 5 minutes; asking the next nearest/);
    expect((await harness.services.outbox.latest()).map((m) => m.to)).toContain("+13125550172");

    // The far responder sees the request with what was reported, and answers it.
    const home = (await call("GET", "/api/responder", far)).json();
    expect(home.shift.areaIds).toEqual([await areaAt(ROGERS_PARK)]);
    expect(home.requests).toHaveLength(1);
    expect(home.requests[0].incident.reports[0].activity).toBe("Agents");
    const secondAsk = home.requests[0].id;
    const notMine = await call("POST", `/api/dispatches/${secondAsk}/answer`, near, {
      action: "accept",
    });
    expect(notMine.statusCode).toBe(403);
    const tooEarly = await call("POST", `/api/dispatches/${secondAsk}/answer`, far, {
      action: "arrived",
    });
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().error.code).toBe("DISPATCH_TRANSITION_REFUSED");
    for (const answer of [
      { action: "accept" },
      { action: "on_the_way" },
      { action: "arrived" },
      { action: "outcome", outcome: "confirmed", note: "Three unmarked vans at the corner" },
    ]) {
      const response = await call("POST", `/api/dispatches/${secondAsk}/answer`, far, answer);
      expect(response.statusCode, `${answer.action}: ${response.body}`).toBe(204);
    }
    incident = await detail(incidentId);
    expect(incident.status).toBe("confirmed");
    expect(incident.dispatches[1]).toMatchObject({
      status: "done",
      outcome: "confirmed",
      note: "Three unmarked vans at the corner",
    });
    const statuses = incident.timeline
      .filter((e: { kind: string }) => e.kind === "status")
      .map((e: { toStatus: string }) => e.toStatus);
    expect(statuses).toEqual(["dispatched", "verifying", "confirmed"]);
    const late = await call("POST", `/api/dispatches/${secondAsk}/answer`, far, {
      action: "decline",
    });
    expect(late.statusCode).toBe(409);
  });

  it("takes a discarded report out of its incident, closes an incident left empty, and keeps only a coarse centre after the retention period", async () => {
    const first = await report({ activity: "Agents at the corner", location: LITTLE_VILLAGE });
    const second = await report({ activity: "Vans", location: NEARBY });
    const incidentId = await open(first);
    await call("POST", `/api/incidents/${incidentId}/reports`, dispatcher, { reportId: second });
    expect((await detail(incidentId)).reportCount).toBe(2);
    expect(
      (await call("POST", `/api/reports/${second}/discard-details`, dispatcher)).statusCode,
    ).toBe(204);
    let incident = await detail(incidentId);
    expect(incident.reports.map((r: { id: string }) => r.id)).toEqual([first]);
    expect(incident.centroid.lat).toBeCloseTo(LITTLE_VILLAGE.lat, 5);
    expect(incident.timeline.at(-1).detail).toBe("removed a report that was about a person");

    // After the precise-point retention (14 days), the centre is the cell's, as the reports' are.
    now = new Date("2026-12-14T15:00:00Z");
    dispatcher = await harness.signInAs("dispatcher");
    const purged = await harness.services.privacy.purge({ dryRun: false, actor: SYSTEM });
    expect(purged.removed.find((r) => r.category === "Precise incident centres")?.records).toBe(1);
    incident = await detail(incidentId);
    expect(incident.centroid.lat).not.toBeCloseTo(LITTLE_VILLAGE.lat, 5);
    expect(metersBetween(incident.centroid, LITTLE_VILLAGE)).toBeLessThan(1000);

    expect(
      (await call("POST", `/api/reports/${first}/discard-details`, dispatcher)).statusCode,
    ).toBe(204);
    incident = await detail(incidentId);
    expect(incident.reportCount).toBe(0);
    expect(incident.status).toBe("closed");
  });

  it("sends a responder with a push subscription the request by web push too, with the link to it", async () => {
    const endpoint = await startPushEndpoint();
    const pushed = await createTestApp(dialect, { now: () => now, pushAgent: trustingAgent() });
    try {
      await loadDefaultAreas(pushed.services.areas);
      const desk = await pushed.signInAs("dispatcher");
      const responder = await pushed.signInAs("responder");
      const inject = (method: "POST" | "PUT", url: string, who: SignedIn, payload: object) =>
        pushed.app.inject({ method, url, headers: who.headers, payload });
      expect(
        (await inject("PUT", "/api/responder/contact", responder, { push: "not json" })).json()
          .error.code,
      ).toBe("CONTACT_INVALID");
      await inject("PUT", "/api/responder/contact", responder, {
        push: JSON.stringify(endpoint.subscription),
      });
      const [area] = await pushed.services.areas.lookup(LITTLE_VILLAGE);
      await inject("POST", "/api/responder/shift", responder, {
        areaIds: [area?.id],
        endsAt: "2026-11-28T23:00:00Z",
      });
      const reported = await pushed.app.inject({
        method: "POST",
        url: "/api/reports",
        payload: { activity: "Agents", location: LITTLE_VILLAGE },
      });
      const incident = await inject("POST", "/api/incidents", desk, {
        reportId: reported.json().id,
      });
      const asked = await inject(
        "POST",
        `/api/incidents/${incident.json().id}/dispatches`,
        desk,
        {},
      );
      expect(asked.statusCode, asked.body).toBe(201);
      const [dispatch] = asked.json().dispatches;
      expect(endpoint.received).toEqual([
        {
          vapidValid: true,
          payload: {
            title: "Aviso: verification request",
            body: expect.stringMatching(/^Can you check a report near .+\?$/),
            url: `https://aviso.test/console/respond/${dispatch.id}`,
          },
        },
      ]);
      const line = (
        await pushed.app.inject({
          url: `/api/incidents/${incident.json().id}`,
          headers: desk.headers,
        })
      )
        .json()
        .timeline.find((e: { kind: string }) => e.kind === "dispatched");
      expect(line.detail).toMatch(/by push/);
    } finally {
      await pushed.close();
      await endpoint.close();
    }
  });

  it("lets a dispatcher put a responder on shift and see who is on shift, but not a case worker", async () => {
    const responder = await harness.signInAs("responder", "shift@staff.aviso.invalid");
    const caseWorker = await harness.signInAs("case_worker");
    const people = (await call("GET", "/api/shifts/people", dispatcher)).json().people;
    expect(people.map((p: { id: string }) => p.id)).toContain(responder.userId);
    expect(people.map((p: { id: string }) => p.id)).not.toContain(caseWorker.userId);
    expect(JSON.stringify(people)).not.toContain("@"); // names and roles, no emails
    const areaId = await areaAt(LITTLE_VILLAGE);
    const put = await call("POST", "/api/shifts", dispatcher, {
      userId: responder.userId,
      areaIds: [areaId],
      endsAt: "2026-11-28T21:00:00Z",
    });
    expect(put.statusCode, put.body).toBe(201);
    const refused = await call("POST", "/api/shifts", dispatcher, {
      userId: caseWorker.userId,
      areaIds: [areaId],
      endsAt: "2026-11-28T21:00:00Z",
    });
    expect(refused.json().error.code).toBe("NOT_A_RESPONDER");
    const { shifts } = (await call("GET", "/api/shifts", dispatcher)).json();
    expect(shifts).toEqual([
      expect.objectContaining({
        userId: responder.userId,
        name: "Test responder",
        available: true,
        areaNames: ["South Lawndale"],
        endsAt: "2026-11-28T21:00:00.000Z",
      }),
    ]);
    expect((await call("GET", "/api/shifts", responder)).statusCode).toBe(403);
  });

  it("asks the next nearest at once when everyone asked declines", async () => {
    const near = await harness.signInAs("responder", "near@staff.aviso.invalid");
    const far = await harness.signInAs("responder", "far@staff.aviso.invalid");
    for (const [who, point] of [
      [near, LITTLE_VILLAGE],
      [far, ROGERS_PARK],
    ] as const)
      await call("POST", "/api/responder/shift", who, {
        areaIds: [await areaAt(point)],
        endsAt: "2026-11-28T23:00:00Z",
      });
    const incidentId = await open(await report({ activity: "Agents", location: LITTLE_VILLAGE }));
    const [ask] = (
      await call("POST", `/api/incidents/${incidentId}/dispatches`, dispatcher, {})
    ).json().dispatches;
    // Asking the same responder again stores and sends nothing more.
    const again = await call("POST", `/api/incidents/${incidentId}/dispatches`, dispatcher, {
      responderIds: [near.userId],
    });
    expect(again.json().error.code).toBe("RESPONDER_NOT_AVAILABLE");
    const declined = await call("POST", `/api/dispatches/${ask.id}/answer`, near, {
      action: "decline",
    });
    expect(declined.statusCode).toBe(204);
    const { dispatches, timeline } = await detail(incidentId);
    expect(
      dispatches.map((d: { responderId: string; status: string }) => [d.responderId, d.status]),
    ).toEqual([
      [near.userId, "declined"],
      [far.userId, "asked"],
    ]);
    expect(timeline.at(-1).detail ?? timeline.at(-2).detail).toMatch(/asked|declined/);
    // Closing the incident withdraws the request still waiting, so nobody goes out for it.
    const closed = await call("POST", `/api/incidents/${incidentId}/status`, dispatcher, {
      status: "closed",
    });
    expect(closed.statusCode).toBe(204);
    const after = await detail(incidentId);
    expect(after.dispatches.map((d: { status: string }) => d.status)).toEqual([
      "declined",
      "withdrawn",
    ]);
    expect(after.timeline.at(-1).detail).toBe("withdrew 1 verification request");
    expect((await call("GET", "/api/responder", far)).json().requests).toEqual([]);
    // Unavailable responders are not proposed.
    expect(
      (await call("POST", "/api/responder/availability", far, { available: false })).statusCode,
    ).toBe(204);
    const proposals = (
      await call("GET", `/api/incidents/${incidentId}/responders`, dispatcher)
    ).json();
    expect(proposals.responders.map((p: { responderId: string }) => p.responderId)).toEqual([
      near.userId,
    ]);
  });
});
