import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ChannelError } from "../channel.ts";
import { TwilioChannel } from "./twilio.channel.ts";
import { type FakeTwilio, startFakeTwilio } from "./twilio-fake.ts";

describe("TwilioChannel against the local Twilio-compatible server", () => {
  let twilio: FakeTwilio;
  const channel = (timeoutMs?: number) =>
    new TwilioChannel({
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      from: "+18555550100",
      apiUrl: twilio.url,
      statusCallbackUrl: "https://aviso.example/api/sms/twilio/status",
      validitySeconds: 1800,
      ...(timeoutMs ? { timeoutMs } : {}),
    });
  beforeAll(async () => {
    twilio = await startFakeTwilio();
  });
  afterAll(async () => {
    await twilio.close();
  });
  beforeEach(() => {
    twilio.messages.length = 0;
    twilio.delayMs = 0;
  });

  it("posts the form Twilio reads and returns the message's sid", async () => {
    const body = "AVISO: confirmado en 60623 — ñ & = ?\nCódigo K7Q2XM";
    const { providerId } = await channel().send({ channel: "sms", to: "+13125550123", body });
    const [message] = twilio.messages;
    expect(providerId).toBe(message?.sid);
    expect(message).toMatchObject({
      to: "+13125550123",
      from: "+18555550100",
      body,
      statusCallback: "https://aviso.example/api/sms/twilio/status",
      validityPeriod: "1800",
    });
  });

  it("gives up on a provider that does not answer in time, as a failure to retry", async () => {
    // Answered after 1.5 s: a send that waited for it would succeed.
    twilio.delayMs = 1500;
    const sends = [1, 2].map((n) =>
      channel(300)
        .send({ channel: "sms", to: `+1312555012${n}`, body: "x" })
        .then(
          () => null,
          (error: unknown) => error,
        ),
    );
    for (const error of await Promise.all(sends)) {
      expect(error).toBeInstanceOf(ChannelError);
      expect(error).toMatchObject({ code: "network", retryable: true });
    }
  });
});
