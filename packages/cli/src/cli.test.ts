import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import SqliteDatabase from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../bin/aviso.mjs", import.meta.url));
const PG_URL = process.env.AVISO_TEST_DATABASE_URL || undefined;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `aviso` command in a child process, as a person at a terminal would. */
function aviso(args: string[], env: Record<string, string>): Promise<Run> {
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
  };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...base, AVISO_LOG_LEVEL: "warn", ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

const freshDir = () => mkdtempSync(path.join(tmpdir(), "aviso-cli-"));

describe("aviso CLI", () => {
  it("lists its commands and refuses an unknown flag or command by name", async () => {
    const help = await aviso(["--help"], {});
    expect(help.code).toBe(0);
    for (const command of [
      "start",
      "migrate",
      "seed",
      "import-areas",
      "user",
      "backup",
      "restore",
    ]) {
      expect(help.stdout).toContain(command);
    }
    const flag = await aviso(["migrate", "--colour"], { AVISO_DATA_DIR: freshDir() });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--colour'");
    expect(flag.stderr).toContain("Usage: aviso migrate");
    const command = await aviso(["launch"], {});
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('unknown command "launch"');
  });

  it("stops on a bad configuration value, naming the variable, and touches nothing", async () => {
    const dataDir = path.join(freshDir(), "data");
    const run = await aviso(["migrate"], {
      AVISO_DATA_DIR: dataDir,
      PORT: "eighty",
      AVISO_TIME_ZONE: "Mars/Olympus",
    });
    expect(run.code).toBe(78);
    expect(run.stderr).toMatch(/PORT: .*number/i);
    expect(run.stderr).toContain("AVISO_TIME_ZONE: must be an IANA time zone");
    expect(existsSync(dataDir)).toBe(false);
  });

  it("imports areas from GeoJSON and names the problem in a malformed file without storing anything", async () => {
    const dir = freshDir();
    const env = { AVISO_DATA_DIR: path.join(dir, "data") };
    const good = path.join(dir, "good.geojson");
    writeFileSync(
      good,
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            properties: { barrio: "Pilsen Test" },
            geometry: {
              type: "Polygon",
              coordinates: [
                [
                  [-87.67, 41.85],
                  [-87.64, 41.85],
                  [-87.64, 41.86],
                  [-87.67, 41.85],
                ],
              ],
            },
          },
        ],
      }),
    );
    const imported = await aviso(
      ["import-areas", good, "--kind", "community-area", "--name-property", "barrio"],
      env,
    );
    expect(imported.stderr).toBe("Importing areas: 1/1\n");
    expect(imported.stdout).toContain("Imported 1 community-area areas");

    const bad = path.join(dir, "bad.geojson");
    writeFileSync(
      bad,
      '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,1]]]}}]}',
    );
    const run = await aviso(
      ["import-areas", bad, "--kind", "community-area", "--name-property", "barrio"],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "features[0].geometry.coordinates[0]: a ring needs at least 4 positions",
    );
    const truncated = path.join(dir, "truncated.geojson");
    writeFileSync(truncated, '{"type": "FeatureCollection", "feat');
    expect(
      (await aviso(["import-areas", truncated, "--kind", "zip", "--name-property", "zip"], env))
        .stderr,
    ).toContain("not valid JSON");
    const missing = await aviso(
      ["import-areas", path.join(dir, "nope.geojson"), "--kind", "zip", "--name-property", "zip"],
      env,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read");
    const noKind = await aviso(["import-areas", good, "--name-property", "barrio"], env);
    expect(noKind.stderr).toContain("--kind is required");

    const again = await aviso(
      ["import-areas", good, "--kind", "community-area", "--name-property", "barrio"],
      env,
    );
    expect(again.stderr).toContain("already stored");
    const replaced = await aviso(
      ["import-areas", good, "--kind", "community-area", "--name-property", "barrio", "--replace"],
      env,
    );
    expect(replaced.code).toBe(0);
  }, 90_000); // seven `aviso` processes, each starting Node and opening the database

  it("adds staff and refuses a bad role by name", async () => {
    const env = { AVISO_DATA_DIR: path.join(freshDir(), "data") };
    const bad = await aviso(
      ["user", "add", "--email", "x@demo.aviso.invalid", "--name", "X", "--role", "sheriff"],
      env,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("role:");
    const added = await aviso(
      ["user", "add", "--email", "x@demo.aviso.invalid", "--name", "X", "--role", "admin"],
      env,
    );
    expect(added.stdout).toContain("Added admin x@demo.aviso.invalid");
    expect((await aviso(["user", "list"], env)).stdout).toContain("admin");
  });

  it("backs up and restores SQLite into a fresh data dir with the same areas and users", async () => {
    const dir = freshDir();
    const source = { AVISO_DATA_DIR: path.join(dir, "source") };
    expect((await aviso(["seed", "--demo"], source)).stdout).toContain("Loaded 186 areas.");
    await aviso(
      [
        "user",
        "add",
        "--email",
        "lucia@demo.aviso.invalid",
        "--name",
        "Lucía (fake)",
        "--role",
        "case_worker",
      ],
      source,
    );
    const backupFile = path.join(dir, "aviso.backup");
    const backup = await aviso(["backup", backupFile], source);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain("The backup holds no key");
    expect((await aviso(["backup", backupFile], source)).stderr).toContain("exists");

    const target = { AVISO_DATA_DIR: path.join(dir, "target") };
    const withoutKey = await aviso(["restore", backupFile], target);
    expect(withoutKey.code).toBe(2);
    expect(withoutKey.stderr).toContain("no master key here");

    const wrongKey = {
      AVISO_DATA_DIR: path.join(dir, "wrong"),
      AVISO_MASTER_KEY: randomBytes(32).toString("base64"),
    };
    const mismatch = await aviso(["restore", backupFile], wrongKey);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain("MASTER_KEY_MISMATCH");

    await aviso(["migrate"], target); // a fresh install with its own key…
    const occupied = await aviso(["restore", backupFile], {
      ...target,
      AVISO_MASTER_KEY: randomBytes(32).toString("base64"),
    });
    expect(occupied.code).toBe(2);
    expect(occupied.stderr).toContain("already holds data");

    const fresh = { AVISO_DATA_DIR: path.join(dir, "fresh") };
    mkdirSync(fresh.AVISO_DATA_DIR, { mode: 0o700 });
    copyFileSync(
      path.join(source.AVISO_DATA_DIR, "master.key"),
      path.join(fresh.AVISO_DATA_DIR, "master.key"),
    );
    const restored = await aviso(["restore", backupFile], fresh);
    expect(restored.stderr).toBe("");
    expect(restored.stdout).toContain("186 areas, 5 staff accounts");
    expect((await aviso(["user", "list"], fresh)).stdout).toBe(
      (await aviso(["user", "list"], source)).stdout,
    );
  }, 90_000); // a dozen `aviso` processes, each starting Node and opening the database

  it("verifies the audit trail, names a tampered row, prints the data inventory and a purge dry run", async () => {
    const env = { AVISO_DATA_DIR: path.join(freshDir(), "data") };
    await aviso(["seed", "--demo"], env);
    await aviso(["user", "list"], env);
    const intact = await aviso(["audit", "verify"], env);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/Audit trail intact: \d+ entries verified/);

    const inventory = await aviso(["data-inventory"], env);
    expect(inventory.stdout).toContain("Staff accounts: 4 records");
    expect(inventory.stdout).toContain("retention:");
    expect(inventory.stdout).not.toContain("demo.aviso.invalid");
    const dry = await aviso(["purge", "--dry-run"], env);
    expect(dry.stdout).toContain("would remove 0 staff sign-in sessions");

    const db = new SqliteDatabase(path.join(env.AVISO_DATA_DIR, "aviso.db"));
    db.prepare("update audit_events set actor_role = 'admin' where seq = 3").run();
    db.close();
    const broken = await aviso(["audit", "verify"], env);
    expect(broken.code).toBe(3);
    expect(broken.stderr).toContain("Audit trail BROKEN at entry 3: row 3 was altered");
  }, 90_000); // a dozen `aviso` processes, each starting Node and opening the database

  it("rotates the master key: fields re-encrypted, sign-in data and the audit chain still whole", async () => {
    const env = { AVISO_DATA_DIR: path.join(freshDir(), "data") };
    await aviso(["seed", "--demo"], env);
    const before = (await aviso(["user", "list"], env)).stdout;
    const rotated = await aviso(["keys", "rotate"], env);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/Re-encrypted 13 field values/);
    expect(
      readFileSync(path.join(env.AVISO_DATA_DIR, "master.key"), "utf8").trim().split("\n"),
    ).toHaveLength(2);
    expect((await aviso(["user", "list"], env)).stdout).toBe(before);
    expect((await aviso(["audit", "verify"], env)).stdout).toContain("intact");
    const resumed = await aviso(["keys", "rotate", "--resume"], env);
    expect(resumed.stdout).toContain("Re-encrypted 0 field values");
  }, 90_000); // six `aviso` processes, each starting Node and opening the database

  it("refuses to load the published demo accounts on an HTTPS deployment", async () => {
    const env = {
      AVISO_DATA_DIR: path.join(freshDir(), "data"),
      AVISO_PUBLIC_URL: "https://aviso.example.org",
    };
    const run = await aviso(["seed", "--demo"], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("refusing to load the demo network");
  });

  describe.runIf(PG_URL)("on PostgreSQL", () => {
    const databases: string[] = [];
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    };
    const createDatabase = async () => {
      const name = `aviso_cli_${randomBytes(5).toString("hex")}`;
      await admin(`create database ${name}`);
      databases.push(name);
      const url = new URL(PG_URL ?? "");
      url.pathname = `/${name}`;
      return url.toString();
    };
    afterAll(async () => {
      for (const name of databases) await admin(`drop database if exists ${name}`);
    });

    it("backs up with pg_dump and restores with psql into an empty database", async () => {
      const dir = freshDir();
      const source = {
        AVISO_DATA_DIR: path.join(dir, "source"),
        AVISO_DATABASE_URL: await createDatabase(),
      };
      expect((await aviso(["seed", "--demo"], source)).stdout).toContain("Loaded 186 areas.");
      const backupFile = path.join(dir, "aviso.sql");
      expect((await aviso(["backup", backupFile], source)).code).toBe(0);
      const target = {
        AVISO_DATA_DIR: source.AVISO_DATA_DIR,
        AVISO_DATABASE_URL: await createDatabase(),
      };
      const restored = await aviso(["restore", backupFile], target);
      expect(restored.stdout).toContain("186 areas, 4 staff accounts");
      expect((await aviso(["user", "list"], target)).stdout).toBe(
        (await aviso(["user", "list"], source)).stdout,
      );
      const again = await aviso(["restore", backupFile], target);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain("not empty");
    });
  });
});
