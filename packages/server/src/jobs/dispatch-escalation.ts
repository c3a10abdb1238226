import type { Logger } from "pino";
import type { DispatchService } from "../modules/dispatch/dispatch.service.ts";

/**
 * Runs the no-accept rule every `everyMs`: verification requests nobody accepted in time go to
 * the next nearest responders. Returns a function that stops it. Several processes running it
 * is harmless: a request expires once (a conditional update), and only that process asks on.
 */
export function scheduleDispatchEscalation(
  dispatch: DispatchService,
  logger: Logger,
  everyMs = 15_000,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    dispatch
      .escalate()
      .then((escalated) => {
        if (escalated > 0) logger.info({ escalated }, "verification requests escalated");
      })
      .catch((error: unknown) => logger.error({ err: error }, "dispatch escalation failed"))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
