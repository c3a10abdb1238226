import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, testConfig } from "../../../test/app.ts";
import { TEST_DIALECTS } from "../../../test/databases.ts";
import { chicagoAreaFile } from "../../../test/factories.ts";
import { startPushEndpoint, trustingAgent } from "../../../test/push-endpoint.ts";
import { PushChannel } from "../../channels/push/push.channel.ts";
import { createDeliveryWorker } from "../../main.ts";

/** An SMTP server that keeps every message it is given, parsed as a mail client would. */
async function startSmtp(): Promise<{ port: number; mails: ParsedMail[]; close(): Promise<void> }> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    closeTimeout: 100,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    mails,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe.each(TEST_DIALECTS)("email and web push on %s", (dialect) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let harness: TestApp;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => smtp.close());
  beforeEach(async () => {
    smtp.mails.length = 0;
    env = {
      AVISO_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      AVISO_EMAIL_FROM: "Aviso Test <alerts@aviso.test>",
      AVISO_EMAIL_RATE_PER_SECOND: "1000",
      AVISO_PUSH_RATE_PER_SECOND: "1000",
    };
    harness = await createTestApp(dialect, { env });
    await harness.services.areas.importAreas(chicagoAreaFile("zip-codes"), {
      kind: "zip",
      nameProperty: "zip",
    });
  });
  afterEach(() => harness.close());

  const post = (url: string, payload?: object, headers: Record<string, string> = {}) =>
    harness.app.inject({ method: "POST", url, headers, ...(payload ? { payload } : {}) });
  async function sendAlert(text: string, channel: "email" | "push") {
    const provider =
      channel === "push"
        ? new PushChannel({
            vapid: () => harness.services.pushKeys.get(),
            subject: "mailto:test@aviso.test",
            ttlSeconds: 60,
            agent: trustingAgent(),
          })
        : undefined;
    const composer = await harness.signInAs("dispatcher");
    const approver = await harness.signInAs("dispatcher");
    const { id } = (
      await post(
        "/api/alerts",
        { kind: "activity_confirmed", areaIds: ["zip:60623"], texts: { en: text } },
        composer.headers,
      )
    ).json();
    const approved = (await post(`/api/alerts/${id}/approve`, undefined, approver.headers)).json();
    await harness.services.alerts.settled();
    const worker = createDeliveryWorker(
      harness.services,
      testConfig(env),
      harness.log.logger,
      channel,
      provider ? { provider } : {},
    );
    while ((await worker.runOnce()) > 0) {}
    return approved.verificationCode as string;
  }

  it("confirms an email by link, sends the alert as text and HTML with one-click unsubscribe, and stops after it", async () => {
    const created = await post("/api/subscriptions", {
      channel: "email",
      contact: " Ana.Quiroga@Example.ORG ",
      language: "en",
      areaIds: ["zip:60623"],
    });
    expect(created.json()).toMatchObject({ status: "pending" });
    await expect.poll(() => smtp.mails.length).toBe(1);
    const confirmation = smtp.mails[0];
    expect(confirmation?.to && "text" in confirmation.to ? confirmation.to.text : "").toBe(
      "ana.quiroga@example.org",
    );
    const link =
      /https:\/\/aviso\.test\/subscribe\?confirm=([^&\s]+)&code=([A-Za-z0-9_-]{43})/.exec(
        confirmation?.text ?? "",
      );
    expect(link).not.toBeNull();
    expect(confirmation?.html).toContain("Confirm my alerts");
    const confirmed = await post("/api/subscriptions/confirm", {
      id: decodeURIComponent(link?.[1] ?? ""),
      code: link?.[2],
    });
    expect(confirmed.json()).toMatchObject({ status: "active" });

    const code = await sendAlert("CONFIRMED: agents at 26th and Pulaski.", "email");
    expect(smtp.mails).toHaveLength(2);
    const alert = smtp.mails[1];
    expect(alert?.subject).toBe("Aviso Chicago: CONFIRMED: agents at 26th and Pulaski.");
    expect(alert?.text).toContain("CONFIRMED: agents at 26th and Pulaski.");
    expect(alert?.text).toContain(`Check code ${code} at https://aviso.test/now`);
    expect(alert?.html).toContain("CONFIRMED: agents at 26th and Pulaski.");
    // The raw header lines, as a mail client reads them for one-click unsubscribe.
    const header = (name: string) =>
      alert?.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, "") ?? "";
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const unsubscribe = /<(https:\/\/aviso\.test[^>]+)>/.exec(
      header("list-unsubscribe").replace(/\r?\n\s*/g, ""),
    )?.[1];
    expect(unsubscribe).toBeDefined();

    // What a mail client does for one-click unsubscribe (RFC 8058).
    const url = new URL(unsubscribe ?? "");
    const forged = await harness.app.inject({
      method: "POST",
      url: `${url.pathname}?s=${url.searchParams.get("s")}&t=forged`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(forged.statusCode).toBe(400);
    const oneClick = await harness.app.inject({
      method: "POST",
      url: `${url.pathname}${url.search}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.body).toContain("Unsubscribed");
    await sendAlert("ALL CLEAR: the activity has ended.", "email");
    expect(smtp.mails).toHaveLength(2);
    expect(harness.log.text()).not.toContain("ana.quiroga");
  });

  it("subscribes a browser to web push at once, delivers an encrypted VAPID-signed notification, and drops a subscription the push service says is gone", async () => {
    const push = await startPushEndpoint();
    try {
      const key = (await harness.app.inject("/api/push/public-key")).json().publicKey;
      expect(Buffer.from(key, "base64url")).toHaveLength(65);
      const created = await post("/api/subscriptions", {
        channel: "push",
        contact: JSON.stringify(push.subscription),
        language: "es",
        areaIds: ["zip:60623"],
      });
      expect(created.json()).toMatchObject({ status: "active" });
      const bad = await post("/api/subscriptions", {
        channel: "push",
        contact: JSON.stringify({ endpoint: "ftp://x", keys: {} }),
        language: "es",
        areaIds: ["zip:60623"],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain("not a browser push subscription");

      const code = await sendAlert("CONFIRMED: agents near the school.", "push");
      expect(push.received).toEqual([
        {
          vapidValid: true,
          payload: {
            title: "Aviso Chicago",
            body: `CONFIRMED: agents near the school. (${code})`,
            url: "/now/en/",
          },
        },
      ]);

      push.answerWith(410);
      await sendAlert("ALL CLEAR: the activity has ended.", "push");
      const row = await harness.test.database.db
        .selectFrom("subscribers")
        .selectAll()
        .where("channel", "=", "push")
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: "stopped", contact_enc: null });
    } finally {
      await push.close();
    }
  });
});
