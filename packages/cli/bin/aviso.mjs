#!/usr/bin/env node
// The `aviso` command. Plain JavaScript so that an older Node can still run it far enough to
// hand over to the Node 24 that scripts/node24.sh bootstrapped into .node/ (or say what to do).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const NODE_VERSION = "24.21.0";
const major = Number(process.versions.node.split(".")[0]);
const [minor] = process.versions.node.split(".").slice(1).map(Number);

if (major > 22 || (major === 22 && minor >= 18)) {
  await import("../src/main.ts");
} else {
  const bundled = fileURLToPath(
    new URL(`../../../.node/node-v${NODE_VERSION}/bin/node`, import.meta.url),
  );
  if (existsSync(bundled)) {
    const result = spawnSync(bundled, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: "inherit",
    });
    process.exit(result.status ?? 1);
  }
  console.error(
    `aviso needs Node.js 22.18 or newer (this is ${process.version}). Run it as: sh scripts/node24.sh npx aviso ${process.argv.slice(2).join(" ")}`,
  );
  process.exit(1);
}
