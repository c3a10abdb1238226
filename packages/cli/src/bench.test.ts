import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../bin/aviso.mjs", import.meta.url));

/** Runs `aviso bench …` in a child process. */
function bench(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, "bench", ...args],
      { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" } },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    );
  });
}

describe("aviso bench", () => {
  it("refuses a bad benchmark or flag by name, with the usage of both benchmarks", async () => {
    const [unknown, seconds, connections] = await Promise.all([
      bench(["intakes"]),
      bench(["intake", "--seconds", "0"]),
      bench(["intake", "--connections", "ten"]),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown benchmark "intakes"; use fanout or intake');
    expect(unknown.stderr).toContain("aviso bench intake [--seconds S] [--connections C]");
    expect(unknown.stderr).toContain("aviso bench fanout --subscribers N");
    expect(seconds.code).toBe(2);
    expect(seconds.stderr).toContain("--seconds must be a whole number from 1 to 600, not 0");
    expect(connections.code).toBe(2);
    expect(connections.stderr).toContain(
      '--connections must be a whole number from 1 to 1000, not "ten"',
    );
  });

  it("says so, and how many subscribers it needs, when an alert's deliveries run out mid-measurement", async () => {
    // 200 subscribers last a fraction of a second of unlimited sending: no rate may come of it.
    const run = await bench(["fanout", "--subscribers", "200", "--seconds", "1"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /the alert's 200 deliveries ran out before the sender's unlimited rate was measured to its end; run with --subscribers of at least [\d,]+, or fewer --seconds/,
    );
  }, 120_000);
});
