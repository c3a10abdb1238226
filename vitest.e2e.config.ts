import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // A browser on a loaded 2-core machine can take seconds to settle; polls wait that long.
    expect: { poll: { timeout: 15_000 } },
  },
});
