import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, TEST_PUBLIC_URL, type TestApp } from "../../../test/app.ts";
import { rawDatabaseText, TEST_DIALECTS } from "../../../test/databases.ts";
import { chicagoAreaFile } from "../../../test/factories.ts";
import { twilioSignature } from "../../channels/sms/twilio-signature.ts";

const TOKEN = "test-twilio-auth-token-0123456789";
const URL = `${TEST_PUBLIC_URL}/api/sms/twilio/inbound`;
const PHONE = "+13125550147";

describe.each(TEST_DIALECTS)("SMS keywords over the Twilio webhook on %s", (dialect) => {
  let harness: TestApp;
  const dir = mkdtempSync(path.join(tmpdir(), "aviso-sms-"));
  beforeEach(async () => {
    // A real file on SQLite, so the last test can read the raw database as a thief would.
    harness = await createTestApp(dialect, {
      env: { AVISO_TWILIO_AUTH_TOKEN: TOKEN },
      sqliteFile: path.join(mkdtempSync(path.join(dir, "db-")), "aviso.db"),
    });
    await harness.services.areas.importAreas(chicagoAreaFile("zip-codes"), {
      kind: "zip",
      nameProperty: "zip",
    });
  });
  afterEach(() => harness.close());

  /** Sends a text as Twilio would: form-encoded, signed, with the caller's location fields. */
  async function text(
    body: string,
    from = PHONE,
    tamper?: (params: Record<string, string>) => void,
  ) {
    const params: Record<string, string> = {
      MessageSid: `SM${Math.random().toString(16).slice(2).padEnd(32, "0")}`,
      AccountSid: "AC00000000000000000000000000000000",
      From: from,
      To: "+18555550100",
      Body: body,
      FromCity: "CHICAGO",
      FromZip: "60623",
      FromState: "IL",
      FromCountry: "US",
    };
    const signature = twilioSignature(TOKEN, URL, params);
    tamper?.(params);
    const response = await harness.app.inject({
      method: "POST",
      url: "/api/sms/twilio/inbound",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": signature,
      },
      payload: new URLSearchParams(params).toString(),
    });
    const message = /<Message>([\s\S]*)<\/Message>/.exec(response.body)?.[1];
    return { response, message };
  }
  const count = async (table: "subscribers" | "suppressions" | "reports") =>
    Number(
      (
        await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(
          harness.test.database.db,
        )
      ).rows[0]?.n,
    );

  it("accepts a correctly signed request and refuses a changed parameter with 403, storing nothing", async () => {
    const tampered = await text("JOIN 60623", PHONE, (params) => {
      params.Body = "JOIN 60608";
    });
    expect(tampered.response.statusCode).toBe(403);
    expect(tampered.response.json().error.code).toBe("TWILIO_SIGNATURE_INVALID");
    const unsigned = await harness.app.inject({
      method: "POST",
      url: "/api/sms/twilio/inbound",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "From=%2B13125550147&Body=STOP",
    });
    expect(unsigned.statusCode).toBe(403);
    expect(await count("subscribers")).toBe(0);
    expect(await count("suppressions")).toBe(0);

    const signed = await text("JOIN 60623");
    expect(signed.response.statusCode).toBe(200);
    expect(signed.response.headers["content-type"]).toContain("text/xml");
    expect(signed.message).toContain("Aviso alerts for 60623. Reply YES to confirm.");
    expect(await count("subscribers")).toBe(1);
  });

  it("joins with a ZIP, confirms with YES, stops at once with one confirmation, and stays stopped until START", async () => {
    expect((await text("join 60623")).message).toContain("Reply YES");
    expect((await text("YES")).message).toContain("You will get verified Aviso alerts for 60623");
    const stored = await sql<{
      status: string;
      contact_enc: string;
    }>`select status, contact_enc from subscribers`.execute(harness.test.database.db);
    expect(stored.rows[0]?.status).toBe("active");
    expect(stored.rows[0]?.contact_enc).not.toContain("5550147");

    const stop = await text("STOP");
    expect(stop.message).toBe(
      "You will get no more messages from Aviso. Text START to allow messages again.",
    );
    const after = await sql<{
      status: string;
      contact_enc: string | null;
    }>`select status, contact_enc from subscribers`.execute(harness.test.database.db);
    expect(after.rows[0]).toEqual({ status: "stopped", contact_enc: null });
    expect(await count("suppressions")).toBe(1);

    expect((await text("JOIN 60623")).message).toBeUndefined(); // nothing is sent to a stopped number
    expect((await text("hello")).message).toBeUndefined();
    expect((await text("HELP")).message).toContain("Reply STOP to stop");
    expect((await text("START")).message).toContain("You can get messages from Aviso again");
    expect((await text("JOIN 60623")).message).toContain("Reply YES");
  });

  it("answers in Spanish to ALTA, SI, AYUDA, BAJA and DERECHOS", async () => {
    expect((await text("ALTA 60623")).message).toContain("Responda SI para confirmar");
    expect((await text("SI")).message).toContain(
      "Recibira alertas verificadas de Aviso para 60623",
    );
    expect((await text("AYUDA")).message).toContain("Alertas verificadas de Aviso");
    expect((await text("DERECHOS")).message).toContain("No abra");
    expect((await text("BAJA")).message).toContain("No recibira mas mensajes");
  });

  it("treats every FCC opt-out word as STOP", async () => {
    for (const [i, word] of [
      "STOP",
      "stopall",
      "Quit",
      "END",
      "revoke",
      "opt out",
      "CANCEL",
      "unsubscribe",
      "PARAR",
      "ALTO",
    ].entries()) {
      const from = `+1312555${String(1000 + i)}`;
      await text("JOIN 60623", from);
      expect((await text(word, from)).message, word).toContain(
        word === "PARAR" || word === "ALTO" ? "No recibira" : "no more messages",
      );
    }
    expect(await count("suppressions")).toBe(10);
  });

  it("answers unknown text with short help, unknown areas with a hint, and refuses non-US numbers", async () => {
    expect((await text("what is this")).message).toContain("text JOIN + ZIP");
    expect((await text("JOIN 99999")).message).toContain("We did not find that area");
    expect((await text("JOIN 60623", "+525512345678")).message).toContain(
      "only available to US phone numbers",
    );
    expect(await count("subscribers")).toBe(0);
  });

  it("gives the same answers whether or not a number is subscribed", async () => {
    await text("JOIN 60623", "+13125550111");
    await text("YES", "+13125550111");
    for (const word of ["STOP", "START", "HELP", "RIGHTS"]) {
      const known = await text(word, "+13125550111");
      const unknown = await text(word, "+13125550112");
      expect(known.message, word).toBe(unknown.message);
    }
  });

  it("turns REPORT + ZIP + what is seen into a report with the number as its reply channel", async () => {
    const needsPlace = await text("REPORT agents everywhere");
    expect(needsPlace.message).toContain("Text REPORT, the ZIP code, then what you see");
    expect(await count("reports")).toBe(0);

    const sent = await text("Reporte 60623 2 camionetas grises en la 26 y Pulaski", "+13125550177");
    expect(sent.response.statusCode).toBe(200);
    const receipt = /recibo ([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})/.exec(sent.message ?? "")?.[1];
    expect(receipt).toBeDefined();
    const dispatcher = await harness.signInAs("dispatcher");
    const { reports } = (
      await harness.app.inject({ url: "/api/reports", headers: dispatcher.headers })
    ).json();
    expect(reports).toEqual([
      expect.objectContaining({
        receipt,
        source: "sms",
        language: "es",
        areaName: "60623",
        precision: "area",
        hasReplyNumber: true,
        details: { activity: "2 camionetas grises en la 26 y Pulaski", place: "60623" },
      }),
    ]);
    expect(harness.log.text()).not.toContain("camionetas");
  });

  it("texts a reporter one follow-up question and attaches the answer texted back, even a keyword like SI", async () => {
    const sent = await text("Reporte 60623 agentes en la esquina", "+13125550178");
    const receipt = /recibo ([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})/.exec(sent.message ?? "")?.[1];
    const dispatcher = await harness.signInAs("dispatcher");
    const list = async () =>
      (await harness.app.inject({ url: "/api/reports", headers: dispatcher.headers })).json()
        .reports as { id: string; followUps: { question: string; answer: string | null }[] }[];
    const [report] = await list();
    if (!report) throw new Error("no report");
    const ask = (question: string) =>
      harness.app.inject({
        method: "POST",
        url: `/api/reports/${report.id}/follow-up`,
        headers: dispatcher.headers,
        payload: { question },
      });
    expect((await ask("")).json().error.message).toMatch(/question/);
    expect((await ask("¿Cuántas camionetas ve ahora?")).statusCode).toBe(204);
    const [question] = await harness.services.outbox.latest();
    expect(question).toMatchObject({ channel: "sms", to: "+13125550178" });
    expect(question?.body).toContain(`about your report ${receipt}: ¿Cuántas camionetas ve ahora?`);
    // One question at a time.
    expect((await ask("¿Y agentes?")).json().error.code).toBe("FOLLOW_UP_WAITING");

    // The answer is "Si": a follow-up answer, not a subscription confirmation.
    const answer = await text("Si, tres", "+13125550178");
    // Answered in the report's language, with its receipt.
    expect(answer.message).toContain(`recibo ${receipt}`);
    expect((await list())[0]?.followUps).toEqual([
      expect.objectContaining({ question: "¿Cuántas camionetas ve ahora?", answer: "Si, tres" }),
    ]);
    // Another number's text is not an answer to it.
    expect((await text("tres", "+13125550179")).message).not.toContain(receipt);
    expect(harness.log.text()).not.toContain("Cuántas");
    const reporterless = await harness.app.inject({
      method: "POST",
      url: "/api/reports/no-such-report/follow-up",
      headers: dispatcher.headers,
      payload: { question: "?" },
    });
    expect(reporterless.statusCode).toBe(404);

    // A reporter who texted STOP is never texted, not even a question.
    await text("REPORT 60623 agents at the laundromat", "+13125550180");
    await text("STOP", "+13125550180");
    const stopped = (await list()).find((r) => r.id !== report.id);
    const refused = await harness.app.inject({
      method: "POST",
      url: `/api/reports/${stopped?.id}/follow-up`,
      headers: dispatcher.headers,
      payload: { question: "How many?" },
    });
    expect(refused.json().error.code).toBe("REPORTER_OPTED_OUT");
  });

  it("keeps the caller's location and the message out of the database and the logs", async () => {
    await text("JOIN 60623 please hide me");
    await text("JOIN 60623");
    const dump = JSON.stringify(
      (await sql`select * from subscribers`.execute(harness.test.database.db)).rows,
    );
    for (const secret of ["CHICAGO", "5550147", "please hide me"])
      expect(dump).not.toContain(secret);
    const logs = harness.log.text();
    for (const secret of ["CHICAGO", "5550147", "JOIN 60623", "FromZip"])
      expect(logs).not.toContain(secret);
  });

  it("leaves no subscriber's number in the raw database file, its WAL, a pg_dump or the logs", async () => {
    await text("JOIN 60623", "+13125550199");
    await text("YES", "+13125550199");
    await text("ALTA 60623", "+17735550188");
    const raw = rawDatabaseText(harness.test);
    expect(raw).toContain("subscribers");
    for (const secret of ["5550199", "5550188", "3125550199", "(312) 555", "CHICAGO"]) {
      expect(raw).not.toContain(secret);
      expect(harness.log.text()).not.toContain(secret);
    }
  });
});

describe("SMS keywords in every language", () => {
  it("never gives one word two meanings", async () => {
    const { KEYWORDS } = await import("./sms-keywords.ts");
    const meaning = new Map<string, string>();
    const clashes: string[] = [];
    for (const { intent, word } of KEYWORDS()) {
      const seen = meaning.get(word);
      if (seen && seen !== intent) clashes.push(`${word}: ${seen} and ${intent}`);
      meaning.set(word, intent);
    }
    expect(clashes).toEqual([]);
  });
});

describe.each(TEST_DIALECTS)("every keyword of every language on %s", (dialect) => {
  let harness: TestApp;
  beforeEach(async () => {
    harness = await createTestApp(dialect, { env: { AVISO_TWILIO_AUTH_TOKEN: TOKEN } });
    await harness.services.areas.importAreas(chicagoAreaFile("zip-codes"), {
      kind: "zip",
      nameProperty: "zip",
    });
  });
  afterEach(() => harness.close());

  it("joins, confirms, stops, starts and helps in each language's own words, answering in that language", async () => {
    const { KEYWORDS } = await import("./sms-keywords.ts");
    const { smsMessages } = await import("./sms-messages.ts");
    const hotline = "1-855-435-7693";
    const byIntent = (intent: string) => KEYWORDS().filter((k) => k.intent === intent);
    // A word two languages share (STOP; 加入 in both Chinese scripts) may answer in either.
    const repliesFor = (word: string) =>
      KEYWORDS()
        .filter((k) => k.word === word)
        .map((k) => smsMessages(k.lang));
    const problems: string[] = [];
    let n = 0;
    for (const { lang, word } of byIntent("join")) {
      const from = `+1312555${String(2000 + n++)}`;
      const join = await harness.services.smsInbound.handle(from, `${word} 60623`);
      if (!repliesFor(word).some((t) => t.askConfirm("60623") === join))
        problems.push(`${lang} ${word}: ${join}`);
      const confirmWord = byIntent("confirm").find((k) => k.lang === lang)?.word ?? "YES";
      const confirm = await harness.services.smsInbound.handle(from, confirmWord);
      if (!repliesFor(word).some((t) => t.confirmed("60623") === confirm))
        problems.push(`${lang} ${confirmWord}: ${confirm}`);
    }
    for (const { intent, lang, word } of [
      ...byIntent("stop"),
      ...byIntent("start"),
      ...byIntent("help"),
    ]) {
      const from = `+1312555${String(2000 + n++)}`;
      const answer = await harness.services.smsInbound.handle(from, word);
      const expected = repliesFor(word).map((t) =>
        intent === "stop" ? t.stopped : intent === "start" ? t.started : t.help(hotline),
      );
      if (!expected.includes(answer ?? "")) problems.push(`${lang} ${intent} ${word}: ${answer}`);
    }
    expect(problems).toEqual([]);
    expect(n).toBeGreaterThan(60);
  });
});
