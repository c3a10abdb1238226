import { type IntakeBenchResult, runFanoutBench, runIntakeBench } from "@aviso/server";
import { type Command, type ParsedArgs, UsageError } from "../command.ts";
import { loadDriver } from "../load-driver.ts";

export const benchCommand: Command = {
  name: "bench",
  summary:
    "bench fanout | intake: time an alert's fan-out and sending, or report intake, against baselines from the same run",
  usage: [
    "aviso bench fanout --subscribers N [--database sqlite|postgres] [--postgres-url URL] [--seconds S] [--json]",
    "       aviso bench intake [--seconds S] [--connections C] [--database sqlite|postgres] [--postgres-url URL] [--json]",
  ].join("\n"),
  options: {
    subscribers: { type: "string" },
    connections: { type: "string" },
    database: { type: "string", default: "sqlite" },
    "postgres-url": { type: "string" },
    seconds: { type: "string" },
    json: { type: "boolean", default: false },
  },
  positionals: { min: 1, max: 1 },
  async run(args) {
    const benchmark = args.positionals[0];
    if (benchmark !== "fanout" && benchmark !== "intake")
      throw new UsageError(`unknown benchmark "${benchmark}"; use fanout or intake`);
    const only = benchmark === "fanout" ? "connections" : "subscribers";
    if (args.values[only] !== undefined)
      throw new UsageError(
        `--${only} is for bench ${benchmark === "fanout" ? "intake" : "fanout"}`,
      );
    const seconds = wholeNumber(args, "seconds", benchmark === "fanout" ? 5 : 10, 1, 600);
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
    const common = {
      database,
      seconds,
      ...(database === "postgres" && postgresUrl ? { postgresUrl } : {}),
      log: json ? undefined : (line: string) => console.error(line),
    } as const;
    if (benchmark === "intake") {
      const connections = wholeNumber(args, "connections", 10, 1, 1000);
      const result = await runIntakeBench({ ...common, connections, load: loadDriver });
      if (json) console.log(JSON.stringify(result, null, 2));
      else printIntake(result);
      warnIntake(result);
      return;
    }
    const subscribers = wholeNumber(args, "subscribers", 100_000, 1, 10_000_000);
    const result = await runFanoutBench({ ...common, subscribers });
    if (json) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
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
    console.log(
      `  configured 100 msg/s, provider answering after ${result.slowProviderMs} ms, measured ${result.measuredRateSlowProvider} msg/s: off by ${(result.rateDeviationSlowProvider * 100).toFixed(1)} % (target ≤ 5 %) ${check(result.rateDeviationSlowProvider <= 0.05)}`,
    );
  },
};

const check = (ok: boolean) => (ok ? "ok" : "MISSED");

/** A flag's whole number within bounds, or its default when it is not given. */
function wholeNumber(
  args: ParsedArgs,
  flag: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = args.values[flag];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== "string" || raw.trim() === "" || !Number.isInteger(value))
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, not "${raw}"`);
  if (value < min || value > max)
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, not ${value}`);
  return value;
}

function printIntake(result: IntakeBenchResult): void {
  const { bare, intake, halfRate } = result;
  const rounds = (summary: IntakeBenchResult["bare"]) =>
    summary.rounds.map((r) => r.requestsPerSecond.toFixed(0)).join(", ");
  console.log(
    `\nIntake bench on ${result.database}: ${result.connections} connections, ${result.seconds} s per run, the app logging at ${result.logLevel}`,
  );
  console.log(
    `  POST /api/reports ${intake.requestsPerSecond} req/s vs bare insert route ${bare.requestsPerSecond} req/s (medians of ${rounds(intake)} and ${rounds(bare)}): ratio ${result.throughputRatio} (target ≥ 0.5) ${check(result.throughputRatio >= 0.5)}`,
  );
  console.log(
    `  p99 at full speed (median): POST /api/reports ${intake.p99Ms} ms, bare insert route ${bare.p99Ms} ms`,
  );
  console.log(
    `  POST /api/reports at ${halfRate.rate} req/s (half its throughput): ${halfRate.requestsPerSecond} req/s, p99 ${halfRate.p99Ms} ms (target < 50 ms) ${check(halfRate.p99Ms < 50 && halfRate.non2xx + halfRate.errors + halfRate.timeouts === 0)}`,
  );
  console.log(
    `  non-2xx: bare ${bare.non2xx}, intake ${intake.non2xx}, half rate ${halfRate.non2xx}; stored ${result.stored.reports} reports with ${result.stored.auditEvents} audit events, ${result.stored.bareRows} bare rows`,
  );
}

/** Says loudly when the numbers measure failures rather than intake, and exits non-zero. */
function warnIntake(result: IntakeBenchResult): void {
  const runs = [
    ...result.bare.rounds.map((run, i) => [`bare insert route, round ${i + 1}`, run] as const),
    ...result.intake.rounds.map((run, i) => [`POST /api/reports, round ${i + 1}`, run] as const),
    ["POST /api/reports at half rate", result.halfRate] as const,
  ];
  for (const [label, run] of runs) {
    if (run.non2xx === 0 && run.errors === 0 && run.timeouts === 0) continue;
    const codes = Object.entries(run.statusCodes)
      .filter(([code]) => !code.startsWith("2"))
      .map(([code, count]) => `${count} × ${code}`)
      .join(", ");
    console.error(
      `\nWARNING: ${label} answered ${run.non2xx} non-2xx (${codes || "none"}), had ${run.errors} connection errors and ${run.timeouts} timeouts: its numbers measure failures, not intake.`,
    );
    process.exitCode = 1;
  }
  if (result.stored.reports !== result.stored.auditEvents) {
    console.error(
      `\nWARNING: ${result.stored.reports} reports stored but ${result.stored.auditEvents} report.created audit events.`,
    );
    process.exitCode = 1;
  }
}
