import { loadDriver } from "../packages/cli/src/load-driver.ts";
import { runIntakeBench } from "../packages/server/src/bench/intake.ts";

/**
 * Report intake: `POST /api/reports` on the real app against a bare Fastify route doing one
 * INSERT into the same SQLite file, measured in the same run (`aviso bench intake`, shorter).
 */
export async function benchIntake(): Promise<void> {
  const { intake, bare, halfRate, throughputRatio } = await runIntakeBench({
    database: "sqlite",
    seconds: 3,
    load: loadDriver,
  });
  const failed = intake.non2xx + bare.non2xx + halfRate.non2xx + halfRate.errors;
  console.log(
    `report intake: POST /api/reports ${intake.requestsPerSecond.toFixed(0)} req/s; baseline bare insert route ${bare.requestsPerSecond.toFixed(0)} req/s; ` +
      `ratio ${throughputRatio.toFixed(2)} (target ≥ 0.5); p99 at ${halfRate.rate} req/s ${halfRate.p99Ms} ms (target < 50)` +
      (failed > 0 ? `; ${failed} FAILED requests, the numbers are not valid` : ""),
  );
}
