import { runFanoutBench } from "@aviso/server";
import { type Command, UsageError } from "../command.ts";

export const benchCommand: Command = {
  name: "bench",
  summary: "bench fanout: time an alert's fan-out and sending against baselines from the same run",
  usage:
    "aviso bench fanout --subscribers N [--database sqlite|postgres] [--postgres-url URL] [--seconds S] [--json]",
  options: {
    subscribers: { type: "string", default: "100000" },
    database: { type: "string", default: "sqlite" },
    "postgres-url": { type: "string" },
    seconds: { type: "string", default: "5" },
    json: { type: "boolean", default: false },
  },
  positionals: { min: 1, max: 1 },
  async run(args) {
    if (args.positionals[0] !== "fanout")
      throw new UsageError(`unknown benchmark "${args.positionals[0]}"; use fanout`);
    const subscribers = Number(args.values.subscribers);
    if (!Number.isInteger(subscribers) || subscribers < 1 || subscribers > 10_000_000)
      throw new UsageError("--subscribers must be a whole number from 1 to 10000000");
    const seconds = Number(args.values.seconds);
    if (!Number.isFinite(seconds) || seconds < 1 || seconds > 600)
      throw new UsageError("--seconds must be a number from 1 to 600");
    const database = args.values.database;
    if (database !== "sqlite" && database !== "postgres")
      throw new UsageError("--database must be sqlite or postgres");
    const postgresUrl =
      (args.values["postgres-url"] as string | undefined) ??
      process.env.AVISO_DATABASE_URL ??
      process.env.AVISO_TEST_DATABASE_URL;
    if (database === "postgres" && !postgresUrl)
      throw new UsageError(
        "--database postgres needs --postgres-url (a server where this user may create a scratch database)",
      );
    const json = Boolean(args.values.json);
    const result = await runFanoutBench({
      subscribers,
      database,
      seconds,
      ...(postgresUrl ? { postgresUrl } : {}),
      log: json ? undefined : (line) => console.error(line),
    });
    if (json) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    const check = (ok: boolean) => (ok ? "ok" : "MISSED");
    console.log(
      `\nFan-out bench on ${result.database}, ${result.subscribers.toLocaleString("en-US")} subscribers`,
    );
    console.log(
      `  fan-out ${result.fanoutSeconds} s vs raw INSERT … SELECT ${result.rawInsertSelectSeconds} s: ratio ${result.fanoutRatio} (target ≤ 1.5) ${check(result.fanoutRatio <= 1.5)}`,
    );
    console.log(
      `  first message ${result.firstMessageMs} ms after approval (target ≤ 1000) ${check(result.firstMessageMs <= 1000)}`,
    );
    console.log(
      `  sender ${result.senderPerSecond} msg/s vs bare HTTP loop ${result.bareLoopPerSecond} msg/s: ratio ${result.throughputRatio} (target ≥ 0.7) ${check(result.throughputRatio >= 0.7)}`,
    );
    console.log(
      `  configured 100 msg/s, measured ${result.measuredRate} msg/s: off by ${(result.rateDeviation * 100).toFixed(1)} % (target ≤ 5 %) ${check(result.rateDeviation <= 0.05)}`,
    );
  },
};
