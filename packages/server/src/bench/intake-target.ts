import { randomUUID } from "node:crypto";
import Fastify from "fastify";
import { sql } from "kysely";
import { loadConfig } from "../config.ts";
import { buildApp } from "../http/app.ts";
import { appDependencies, openAviso } from "../main.ts";
import { loadDefaultAreas } from "../seed/default-areas.ts";

/**
 * The two servers `aviso bench intake` drives, in a process of their own so that the load
 * generator does not share their event loop (`bench/intake.ts` starts it with an IPC channel):
 *
 * - the real app, built by `buildApp` over the real services and the database the environment
 *   names (a scratch SQLite file, or a scratch PostgreSQL database), logging as configured;
 * - a bare Fastify app with one route, `POST /bare`, doing one INSERT of a comparable row into
 *   the same `reports` table through the same Kysely connection.
 *
 * Sends `{ type: "ready", … }` once both listen on 127.0.0.1, answers `{ type: "count" }` with
 * what was stored, and closes everything on `{ type: "close" }` or when the parent goes.
 */

const LIMITLESS = 1_000_000_000;
const ACTIVITIES = [
  "two vans, agents in vests",
  "agents stopping people at the bus stop",
  "unmarked SUVs outside the school",
  "officers asking for papers at the laundromat",
  "three cars parked by the church, agents waiting",
];
const SIZES = ["6 agents", "2 agents, 1 van", "about 10 agents", "4 agents, 2 SUVs"];

const dataDir = process.env.AVISO_DATA_DIR ?? "";
const config = loadConfig(process.env, dataDir);
const aviso = await openAviso(config);
await loadDefaultAreas(aviso.areas);

const app = await buildApp({
  ...appDependencies(aviso),
  // Every limiter still runs, with ceilings a benchmark never reaches.
  rateLimits: {
    perClientPerMinute: LIMITLESS,
    globalPerMinute: LIMITLESS,
    routeLimitScale: LIMITLESS,
  },
});

const bare = Fastify();
bare.post("/bare", async (request, reply) => {
  const body = request.body as { language?: string; location?: unknown };
  const now = new Date().toISOString();
  const id = randomUUID();
  const receipt = `bare-${randomUUID()}`;
  await aviso.database.db
    .insertInto("reports")
    .values({
      id,
      receipt,
      source: "bench",
      language: body.language ?? "en",
      status: "new",
      area_id: null,
      cell: "882664c1a9fffff",
      precision: "point",
      location_enc: JSON.stringify(body.location ?? null),
      details_enc: JSON.stringify(body),
      reply_enc: null,
      flags: "[]",
      seen_at: now,
      created_at: now,
    })
    .execute();
  return reply.status(201).send({ id, receipt });
});

/** Request bodies at points the areas cover, spread over Chicago, the same every run. */
async function reportBodies(count: number): Promise<string[]> {
  let seed = 7;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const bodies: string[] = [];
  for (let tries = 0; bodies.length < count && tries < count * 20; tries++) {
    const lat = Number((41.645 + next() * 0.378).toFixed(5));
    const lng = Number((-87.94 + next() * 0.416).toFixed(5));
    if ((await aviso.areas.lookup({ lat, lng })).length === 0) continue;
    const n = bodies.length;
    bodies.push(
      JSON.stringify({
        language: n % 3 === 1 ? "es" : "en",
        activity: ACTIVITIES[n % ACTIVITIES.length],
        size: SIZES[n % SIZES.length],
        location: { lat, lng },
      }),
    );
  }
  return bodies;
}

async function stored(): Promise<{ reports: number; auditEvents: number; bareRows: number }> {
  const count = async (query: ReturnType<typeof sql<{ n: number | string }>>) =>
    Number((await query.execute(aviso.database.db)).rows[0]?.n ?? 0);
  return {
    reports: await count(sql`select count(*) as n from reports where source = 'web'`),
    auditEvents: await count(
      sql`select count(*) as n from audit_events where action = 'report.created'`,
    ),
    bareRows: await count(sql`select count(*) as n from reports where source = 'bench'`),
  };
}

let closing: Promise<void> | undefined;
function close(): Promise<void> {
  closing ??= (async () => {
    await app.close();
    await bare.close();
    await aviso.close();
  })();
  return closing;
}

process.on("message", (message: { type?: string }) => {
  if (message.type === "count")
    void stored().then((counts) => process.send?.({ type: "count", ...counts }));
  if (message.type === "close") void close().then(() => process.disconnect());
});
process.once("disconnect", () => void close().then(() => process.exit(0)));

const intakeUrl = await app.listen({ host: "127.0.0.1", port: 0 });
const bareUrl = await bare.listen({ host: "127.0.0.1", port: 0 });
process.send?.({
  type: "ready",
  intakeUrl: `${intakeUrl}/api/reports`,
  bareUrl: `${bareUrl}/bare`,
  bodies: await reportBodies(256),
  database: aviso.database.description,
  logLevel: config.logLevel,
});
