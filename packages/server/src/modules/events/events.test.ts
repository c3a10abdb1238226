import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app.ts";
import { TEST_DIALECTS, TEST_POSTGRES_URL } from "../../../test/databases.ts";
import { openPostgres } from "../../db/dialects/postgres.ts";
import { loadDefaultAreas } from "../../seed/default-areas.ts";
import { LiveEvents } from "./live-events.ts";

/** Reads server-sent events from a real HTTP stream until `until` matches one, or times out. */
async function readEvents(
  response: Response,
  until: (events: { event: string; data: Record<string, string> }[]) => boolean,
) {
  const events: { event: string; data: Record<string, string> }[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const deadline = Date.now() + 10_000;
  while (!until(events) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) });
      end = buffer.indexOf("\n\n");
    }
  }
  await reader.cancel();
  return events;
}

describe.each(TEST_DIALECTS)("live events on %s", (dialect) => {
  let harness: TestApp;
  let base: string;
  beforeEach(async () => {
    harness = await createTestApp(dialect);
    await loadDefaultAreas(harness.services.areas);
    base = await harness.app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterEach(() => harness.close());

  const stream = (cookie?: string) =>
    fetch(`${base}/api/events`, { headers: cookie ? { cookie } : {} });

  it("streams report.created to a signed-in dispatcher, ids only, and refuses everyone else", async () => {
    expect((await stream()).status).toBe(401);
    const caseWorker = await harness.signInAs("case_worker");
    expect((await stream(caseWorker.cookie)).status).toBe(403);

    const dispatcher = await harness.signInAs("dispatcher");
    const response = await stream(dispatcher.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(response.headers.get("content-security-policy")).toBeTruthy();
    const posted = fetch(`${base}/api/reports`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        activity: "Agents outside the school",
        location: { lat: 41.844613, lng: -87.724587 },
      }),
    });
    const events = await readEvents(response, (seen) => seen.length > 0);
    const { id } = (await (await posted).json()) as { id: string };
    expect(events).toEqual([{ event: "report.created", data: { type: "report.created", id } }]);
  });

  it.runIf(dialect === "postgres")(
    "carries events from another process through LISTEN/NOTIFY",
    async () => {
      const dispatcher = await harness.signInAs("dispatcher");
      const response = await stream(dispatcher.cookie);
      // Another process: its own connection pool on the same schema.
      const other = openPostgres({
        url: TEST_POSTGRES_URL ?? "",
        ...(harness.test.schema ? { schema: harness.test.schema } : {}),
        maxConnections: 1,
      });
      try {
        const reading = readEvents(response, (seen) => seen.length > 0);
        // The stream is listening once its first bytes arrived; give NOTIFY a moment after.
        await new Promise((resolve) => setTimeout(resolve, 200));
        new LiveEvents(other).publish({ type: "incident.updated", id: "from-elsewhere" });
        expect(await reading).toEqual([
          { event: "incident.updated", data: { type: "incident.updated", id: "from-elsewhere" } },
        ]);
      } finally {
        await other.close();
      }
    },
  );

  it.runIf(dialect === "postgres")("listens again after the LISTEN connection is cut", async () => {
    const dispatcher = await harness.signInAs("dispatcher");
    const response = await stream(dispatcher.cookie);
    const reading = readEvents(response, (seen) => seen.length > 0);
    const cut = await sql<{ n: number }>`
        select count(pg_terminate_backend(pid)) as n from pg_stat_activity
        where query like 'listen %' and pid <> pg_backend_pid()
          and query like ${`%aviso_events_${harness.test.schema}%`}`.execute(
      harness.test.database.db,
    );
    expect(Number(cut.rows[0]?.n)).toBe(1);
    // Reopened a second later: what is published after that reaches the open stream.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    harness.services.events.publish({ type: "incident.updated", id: "after-cut" });
    const events = await reading;
    expect(events.map((e) => e.data.id)).toEqual(["after-cut"]);
  });

  it("tells a responder only about their own verification requests", async () => {
    const responder = await harness.signInAs("responder");
    const response = await stream(responder.cookie);
    expect(response.status).toBe(200);
    const reading = readEvents(response, (seen) => seen.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    harness.services.events.publish({ type: "report.created", id: "r1" });
    harness.services.events.publish({
      type: "dispatch.updated",
      id: "d-other",
      responderId: "someone-else",
    });
    harness.services.events.publish({
      type: "dispatch.updated",
      id: "d-mine",
      responderId: responder.userId,
    });
    expect((await reading).map((e) => e.data.id)).toEqual(["d-mine"]);
  });
});
