import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";

/** One message as the fake Twilio API received it. */
export interface FakeTwilioMessage {
  sid: string;
  to: string;
  from: string | undefined;
  messagingServiceSid: string | undefined;
  body: string;
  statusCallback: string | undefined;
  validityPeriod: string | undefined;
  at: number;
}

export interface FakeTwilio {
  url: string;
  accountSid: string;
  authToken: string;
  messages: FakeTwilioMessage[];
  /** Requests answered with an error (429, 500, 400), counted too. */
  refused: number;
  /** Every answer to a message waits this long (a slow provider). */
  delayMs: number;
  /** The most messages it was answering at once. */
  peakInFlight: number;
  /** The next `count` requests get this status (429 with Twilio's code 20429, or any other). */
  failNext(status: number, count: number): void;
  /** Above this many messages per second, answer 429 like Twilio's rate limit. */
  maxPerSecond: number;
  close(): Promise<void>;
}

/**
 * A small Twilio-API-compatible HTTP server (the Messages resource): checks Basic auth, reads
 * the form body as Twilio does, answers `201 { sid, status: "queued" }`, and records what it
 * got. It can answer slowly, fail, or rate-limit with 429, for tests, benches and the kill test.
 */
export async function startFakeTwilio(
  options: { accountSid?: string; authToken?: string; port?: number } = {},
): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? `AC${"0".repeat(31)}1`;
  const authToken = options.authToken ?? "fake-twilio-auth-token-0123456789";
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
  let failures: { status: number; count: number } = { status: 0, count: 0 };
  let windowStart = Date.now();
  let inWindow = 0;
  let inFlight = 0;
  const read = (request: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      let data = "";
      request.setEncoding("utf8");
      request.on("data", (chunk: string) => {
        data += chunk;
      });
      request.on("end", () => resolve(data));
      request.on("error", reject);
    });
  const fake: FakeTwilio = {
    url: "",
    accountSid,
    authToken,
    messages: [],
    refused: 0,
    delayMs: 0,
    peakInFlight: 0,
    maxPerSecond: Number.POSITIVE_INFINITY,
    failNext(status, count) {
      failures = { status, count };
    },
    close: async () => {},
  };
  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await read(request);
      const answer = (status: number, json: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(json));
      };
      // For a bench in another process: how many messages arrived, when the first did.
      if (request.url === "/__fake/stats") {
        answer(200, { count: fake.messages.length, firstAt: fake.messages[0]?.at ?? null });
        return;
      }
      if (request.url === "/__fake/reset" && request.method === "POST") {
        fake.messages.length = 0;
        answer(200, {});
        return;
      }
      const delay = request.url?.match(/^\/__fake\/delay\?ms=(\d+)$/);
      if (delay && request.method === "POST") {
        fake.delayMs = Number(delay[1]);
        answer(200, {});
        return;
      }
      if (
        request.method !== "POST" ||
        request.url !== `/2010-04-01/Accounts/${accountSid}/Messages.json`
      ) {
        answer(404, { code: 20404, message: "The requested resource was not found", status: 404 });
        return;
      }
      fake.peakInFlight = Math.max(fake.peakInFlight, ++inFlight);
      response.once("close", () => inFlight--);
      if (fake.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
      if (request.headers.authorization !== expectedAuth) {
        fake.refused++;
        answer(401, { code: 20003, message: "Authenticate", status: 401 });
        return;
      }
      if (failures.count > 0) {
        failures.count--;
        fake.refused++;
        answer(failures.status, {
          code: failures.status === 429 ? 20429 : failures.status >= 500 ? 20500 : 21211,
          message: "failure requested by the test",
          status: failures.status,
        });
        return;
      }
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        inWindow = 0;
      }
      if (++inWindow > fake.maxPerSecond) {
        fake.refused++;
        answer(429, { code: 20429, message: "Too Many Requests", status: 429 });
        return;
      }
      const form = new URLSearchParams(body);
      const to = form.get("To") ?? "";
      if (!/^\+[1-9]\d{6,14}$/.test(to)) {
        fake.refused++;
        answer(400, { code: 21211, message: `The 'To' number ${to} is not valid.`, status: 400 });
        return;
      }
      const sid = `SM${randomBytes(16).toString("hex")}`;
      fake.messages.push({
        sid,
        to,
        from: form.get("From") ?? undefined,
        messagingServiceSid: form.get("MessagingServiceSid") ?? undefined,
        body: form.get("Body") ?? "",
        statusCallback: form.get("StatusCallback") ?? undefined,
        validityPeriod: form.get("ValidityPeriod") ?? undefined,
        at: now,
      });
      answer(201, { sid, status: "queued", to, body: form.get("Body"), account_sid: accountSid });
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const address = server.address();
  fake.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  fake.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
