import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export const masterKeyPath = (dataDir: string) => path.join(dataDir, "master.key");

/** The keyring: the key new values are sealed with, and older keys (newest first) still opening old ones. */
export interface MasterKeys {
  current: Buffer;
  older: Buffer[];
  source: "config" | "file" | "generated";
}

/**
 * The configured master keys, or the keyring in the data dir (one base64 key per line, current
 * first), generated there (mode 0600) on first start. It lives outside the database file so that
 * a copy of the database or of a backup alone opens no personal field.
 */
export function loadOrCreateMasterKey(
  dataDir: string,
  configured: Buffer | undefined,
  configuredOlder: Buffer[] = [],
): MasterKeys {
  if (configured) return { current: configured, older: configuredOlder, source: "config" };
  const file = masterKeyPath(dataDir);
  if (existsSync(file)) {
    const [current, ...older] = readMasterKeyFile(file);
    if (!current) throw new Error(`${file} holds no key`);
    return { current, older, source: "file" };
  }
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  return { current: key, older: [], source: "generated" };
}

/** Whether a master key is available without generating one. */
export function hasMasterKey(dataDir: string, configured: Buffer | undefined): boolean {
  return configured !== undefined || existsSync(masterKeyPath(dataDir));
}

/**
 * Puts a new current key at the top of the data dir's keyring, keeping every older key (they
 * still open values not yet re-encrypted, and the first one keys blind indexes and the audit
 * chain). Written to a temporary file and renamed, so a crash leaves the old ring or the new.
 */
export function addMasterKey(dataDir: string): Buffer {
  const file = masterKeyPath(dataDir);
  const ring = readMasterKeyFile(file);
  const key = randomBytes(32);
  const next = `${file}.next`;
  writeFileSync(next, [key, ...ring].map((k) => `${k.toString("base64")}\n`).join(""), {
    mode: 0o600,
  });
  renameSync(next, file);
  return key;
}

function readMasterKeyFile(file: string): Buffer[] {
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new Error(
      `${file} is open to other users (mode ${mode.toString(8)}); run: chmod 600 ${file}`,
    );
  }
  const keys = readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => Buffer.from(line, "base64"));
  keys.forEach((key, i) => {
    if (key.length !== 32)
      throw new Error(`${file} line ${i + 1} is not a 32-byte base64 master key`);
  });
  return keys;
}
