import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env, "/srv/aviso");
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => p.variable);
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("gives a working embedded install with no configuration", () => {
    const config = loadConfig({}, "/srv/aviso");
    expect(config.port).toBe(8080);
    expect(config.dataDir).toBe("/srv/aviso/data");
    expect(config.databaseUrl).toBeUndefined();
    expect(config.hotline).toEqual({
      name: "ICIRR Family Support Hotline",
      number: "1-855-435-7693",
    });
    expect(config.timeZone).toBe("America/Chicago");
    expect(config.publicUrl).toBe("http://localhost:8080");
    expect(config.delivery).toMatchObject({ leaseSeconds: 60, batchSize: 100 });
  });

  it("honours PORT, AVISO_DATA_DIR and a PostgreSQL URL", () => {
    const config = loadConfig(
      {
        PORT: "9090",
        AVISO_DATA_DIR: "/var/lib/aviso",
        AVISO_DATABASE_URL: "postgres://aviso@db/aviso",
      },
      "/srv",
    );
    expect(config).toMatchObject({
      port: 9090,
      dataDir: "/var/lib/aviso",
      databaseUrl: "postgres://aviso@db/aviso",
    });
  });

  it("names every bad variable", () => {
    expect(problemsOf({ PORT: "eighty" })).toEqual(["PORT"]);
    expect(problemsOf({ PORT: "70000", AVISO_TIME_ZONE: "Mars/Olympus" })).toEqual([
      "PORT",
      "AVISO_TIME_ZONE",
    ]);
    expect(problemsOf({ AVISO_DATABASE_URL: "mysql://x" })).toEqual(["AVISO_DATABASE_URL"]);
    expect(problemsOf({ AVISO_MASTER_KEY: "short" })).toEqual(["AVISO_MASTER_KEY"]);
    expect(problemsOf({ AVISO_LOG_CLIENT_IPS: "maybe" })).toEqual(["AVISO_LOG_CLIENT_IPS"]);
    expect(problemsOf({ AVISO_DELIVERY_BATCH_SIZE: "0" })).toEqual(["AVISO_DELIVERY_BATCH_SIZE"]);
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT: .*number/i);
  });

  it("reads secrets from *_FILE variables and refuses both forms at once", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "aviso-config-"));
    const file = path.join(dir, "key");
    const key = Buffer.alloc(32, 7).toString("base64");
    writeFileSync(file, `${key}\n`);
    expect(loadConfig({ AVISO_MASTER_KEY_FILE: file }).masterKey?.toString("base64")).toBe(key);
    expect(problemsOf({ AVISO_MASTER_KEY_FILE: file, AVISO_MASTER_KEY: key })).toEqual([
      "AVISO_MASTER_KEY_FILE",
    ]);
    expect(problemsOf({ AVISO_MASTER_KEY_FILE: path.join(dir, "missing") })).toEqual([
      "AVISO_MASTER_KEY_FILE",
    ]);
  });
});
