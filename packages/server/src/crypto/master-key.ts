import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export const masterKeyPath = (dataDir: string) => path.join(dataDir, "master.key");

/**
 * The configured master key, or the one in the data dir, generated there (mode 0600) on first
 * start. It lives outside the database file so that a copy of the database or of a backup alone
 * opens no personal field.
 */
export function loadOrCreateMasterKey(
  dataDir: string,
  configured: Buffer | undefined,
): {
  key: Buffer;
  source: "config" | "file" | "generated";
} {
  if (configured) return { key: configured, source: "config" };
  const file = masterKeyPath(dataDir);
  if (existsSync(file)) return { key: readMasterKeyFile(file), source: "file" };
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  return { key, source: "generated" };
}

/** Whether a master key is available without generating one. */
export function hasMasterKey(dataDir: string, configured: Buffer | undefined): boolean {
  return configured !== undefined || existsSync(masterKeyPath(dataDir));
}

function readMasterKeyFile(file: string): Buffer {
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new Error(
      `${file} is open to other users (mode ${mode.toString(8)}); run: chmod 600 ${file}`,
    );
  }
  const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 master key`);
  return key;
}
