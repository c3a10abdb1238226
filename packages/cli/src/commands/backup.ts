import { chmodSync, existsSync, renameSync, rmSync, statSync } from "node:fs";
import {
  hasMasterKey,
  isSqliteFile,
  loadConfig,
  masterKeyPath,
  openAviso,
  openDatabase,
  restorePostgres,
  restoreSqlite,
  sqlitePath,
} from "@aviso/server";
import { type Command, UsageError } from "../command.ts";

export const backupCommand: Command = {
  name: "backup",
  summary: "Write a consistent copy of the database to FILE while Aviso runs",
  usage: "aviso backup FILE [--force]",
  options: { force: { type: "boolean", default: false } },
  positionals: { min: 1, max: 1 },
  async run(args) {
    const [file = ""] = args.positionals;
    if (existsSync(file) && !args.values.force)
      throw new UsageError(`${file} exists; choose a new name or pass --force`);
    const config = loadConfig();
    if (existsSync(file)) rmSync(file);
    const database = openDatabase(config);
    try {
      await database.backup(file);
    } finally {
      await database.close();
    }
    chmodSync(file, 0o600);
    console.log(`Backed up ${database.description} to ${file} (${statSync(file).size} bytes).`);
    console.log(
      `The backup holds no key. Keep ${config.masterKey ? "AVISO_MASTER_KEY" : masterKeyPath(config.dataDir)} safe and apart from it: without that key the encrypted fields cannot be read.`,
    );
  },
};

export const restoreCommand: Command = {
  name: "restore",
  summary: "Restore a backup into this data dir (or the empty PostgreSQL database configured)",
  usage: "aviso restore FILE [--force]",
  options: { force: { type: "boolean", default: false } },
  positionals: { min: 1, max: 1 },
  async run(args) {
    const [file = ""] = args.positionals;
    if (!existsSync(file)) throw new UsageError(`${file} does not exist`);
    const config = loadConfig();
    if (!hasMasterKey(config.dataDir, config.masterKey)) {
      throw new UsageError(
        `no master key here: copy master.key from the data dir the backup came from to ${masterKeyPath(config.dataDir)} (mode 600), or set AVISO_MASTER_KEY`,
      );
    }
    const current = openDatabase(config);
    const tables = await current.listTables().finally(() => current.close());
    const inUse = tables.some((table) => table === "areas" || table === "staff_users");
    if (config.databaseUrl) {
      if (inUse)
        throw new UsageError(
          "the configured PostgreSQL database is not empty; restore into a new, empty database",
        );
      await restorePostgres(file, { url: config.databaseUrl });
    } else {
      const target = sqlitePath(config.dataDir);
      if (!isSqliteFile(file))
        throw new UsageError(`${file} is not an SQLite backup made by aviso backup`);
      if (inUse && !args.values.force) {
        throw new UsageError(
          `${target} already holds data; restore into a fresh AVISO_DATA_DIR or pass --force`,
        );
      }
      const previous = `${target}.before-restore-${Date.now()}`;
      if (existsSync(target)) renameSync(target, previous);
      for (const suffix of ["-wal", "-shm"]) rmSync(`${target}${suffix}`, { force: true });
      try {
        await restoreSqlite(file, target);
        await (await openAviso(config)).close();
      } catch (error) {
        rmSync(target, { force: true });
        if (existsSync(previous)) renameSync(previous, target);
        throw error;
      }
      if (existsSync(previous) && !inUse) rmSync(previous);
    }
    const aviso = await openAviso(config);
    const areas = await aviso.areas.countAreas();
    const users = (await aviso.users.countByStatus()).reduce((sum, s) => sum + s.n, 0);
    await aviso.close();
    console.log(
      `Restored ${file}: ${areas} areas, ${users} staff accounts (${config.databaseUrl ? "PostgreSQL" : sqlitePath(config.dataDir)}).`,
    );
  },
};
