import type { Logger } from "pino";
import { SYSTEM } from "../modules/audit/audit.service.ts";
import type { PrivacyService } from "../modules/privacy/privacy.service.ts";

const DAY_MS = 86_400_000;

/**
 * Applies the retention rules a minute after start and then once a day, in this process.
 * Returns a function that stops the schedule. Several processes purging is harmless: a rule
 * deletes what has ended, and a second run finds nothing left.
 */
export function scheduleRetention(
  privacy: PrivacyService,
  logger: Logger,
  firstRunMs = 60_000,
): () => void {
  const run = async () => {
    try {
      const result = await privacy.purge({ dryRun: false, actor: SYSTEM });
      logger.info(
        { removed: result.removed.map((r) => ({ category: r.category, records: r.records })) },
        "retention purge done",
      );
    } catch (error) {
      logger.error({ err: error }, "retention purge failed");
    }
  };
  let daily: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    void run();
    daily = setInterval(() => void run(), DAY_MS);
    daily.unref();
  }, firstRunMs);
  first.unref();
  return () => {
    clearTimeout(first);
    if (daily) clearInterval(daily);
  };
}
