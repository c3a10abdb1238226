import { startFakeTwilio } from "./twilio-fake.ts";

/**
 * The local Twilio-compatible server in a process of its own (benches): prints one JSON line
 * with its URL and credentials, then serves until killed. Its messages are kept in memory for
 * as long as it runs; `GET /__fake/stats` tells how many arrived, and
 * `POST /__fake/delay?ms=200` makes it answer messages that much later (a real provider's pace).
 */
const fake = await startFakeTwilio();
process.stdout.write(
  `${JSON.stringify({ url: fake.url, accountSid: fake.accountSid, authToken: fake.authToken })}\n`,
);
