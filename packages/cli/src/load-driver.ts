import http from "node:http";
import { createRequire } from "node:module";
import type { LoadDriver, LoadResult, LoadRun } from "@aviso/server";

/** The part of autocannon 9's options and result that the benches use (it ships no types). */
interface AutocannonOptions {
  url: string;
  method: "POST";
  headers: Record<string, string>;
  requests: { method: "POST"; body: string }[];
  connections: number;
  duration: number;
  warmup?: { duration: number };
}

interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  statusCodeStats: Record<string, { count: number }>;
  latency: { p50: number; p99: number };
  requests: { total: number };
}

type Autocannon = (options: AutocannonOptions) => PromiseLike<AutocannonResult>;

const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;
const TIMEOUT_MS = 10_000;

/**
 * Full speed: autocannon, each connection sending its next request as soon as the last is
 * answered. At a rate: an open loop of evenly spaced requests (see {@link paced}), because
 * autocannon's `overallRate` is a budget per second that each connection spends at full speed
 * and then waits out, so its latencies are those of bursts at full speed, not of that rate.
 */
export const loadDriver: LoadDriver = (run) => (run.rate ? paced(run, run.rate) : fullSpeed(run));

async function fullSpeed(run: LoadRun): Promise<LoadResult> {
  const result = await autocannon({
    url: run.url,
    method: "POST",
    headers: { "content-type": "application/json" },
    requests: run.bodies.map((body) => ({ method: "POST", body })),
    connections: run.connections,
    duration: run.seconds,
    ...(run.warmupSeconds > 0 ? { warmup: { duration: run.warmupSeconds } } : {}),
  });
  return {
    requestsPerSecond: round1(result["2xx"] / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    completed: result.requests.total,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count]),
    ),
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/**
 * Request i leaves at start + i / rate whether or not earlier ones came back, over keep-alive
 * connections opened as needed; its latency counts from when it was due, so a stall shows in
 * every request it delays (no coordinated omission).
 */
async function paced(run: LoadRun, rate: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const target = new URL(run.url);
  const send = (body: string) =>
    new Promise<number>((resolve, reject) => {
      const request = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
          timeout: TIMEOUT_MS,
        },
        (response) => {
          response.resume();
          response.once("end", () => resolve(response.statusCode ?? 0));
        },
      );
      request.once("timeout", () => request.destroy(new Error("timeout")));
      request.once("error", reject);
      request.end(body);
    });
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let timeouts = 0;
  let started = 0;
  const window = async (seconds: number, record: boolean) => {
    const count = Math.round(rate * seconds);
    const start = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const body = run.bodies[started++ % run.bodies.length] ?? "{}";
      inFlight.push(
        send(body).then(
          (status) => {
            if (!record) return;
            latencies.push(performance.now() - due);
            statusCodes[status] = (statusCodes[status] ?? 0) + 1;
          },
          (error: Error) => {
            if (!record) return;
            if (error.message === "timeout") timeouts++;
            else errors++;
          },
        ),
      );
    }
    await Promise.all(inFlight);
    return (performance.now() - start) / 1000;
  };
  try {
    if (run.warmupSeconds > 0) await window(run.warmupSeconds, false);
    const elapsed = await window(run.seconds, true);
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
    const ok = Object.entries(statusCodes)
      .filter(([code]) => code.startsWith("2"))
      .reduce((sum, [, n]) => sum + n, 0);
    return {
      requestsPerSecond: round1(ok / elapsed),
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      completed: latencies.length,
      non2xx: latencies.length - ok,
      statusCodes,
      errors,
      timeouts,
    };
  } finally {
    agent.destroy();
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;
