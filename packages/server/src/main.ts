import { mkdirSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Config } from "./config.ts";
import { FieldCrypto } from "./crypto/field-crypto.ts";
import { loadOrCreateMasterKey } from "./crypto/master-key.ts";
import { migrateToLatest, openDatabase } from "./db/database.ts";
import type { DatabaseDialect } from "./db/dialects/dialect.ts";
import { buildApp } from "./http/app.ts";
import { createLogger } from "./logger.ts";
import { AreasRepository } from "./modules/areas/areas.repository.ts";
import { AreasService } from "./modules/areas/areas.service.ts";
import { HealthService } from "./modules/health/health.service.ts";
import { InstanceRepository } from "./modules/instance/instance.repository.ts";
import { InstanceService } from "./modules/instance/instance.service.ts";
import { UsersRepository } from "./modules/users/users.repository.ts";
import { UsersService } from "./modules/users/users.service.ts";

/** One running installation: its configuration, database and services. The composition root. */
export interface Aviso {
  config: Config;
  logger: Logger;
  database: DatabaseDialect;
  crypto: FieldCrypto;
  health: HealthService;
  areas: AreasService;
  users: UsersService;
  close(): Promise<void>;
}

export interface OpenOptions {
  logger?: Logger;
  /** Run pending migrations (the default); `aviso backup` opens without migrating. */
  migrate?: boolean;
}

/** Opens the data dir and database, migrates, checks the master key, and wires the services. */
export async function openAviso(config: Config, options: OpenOptions = {}): Promise<Aviso> {
  const logger =
    options.logger ?? createLogger({ level: config.logLevel, logClientIps: config.logClientIps });
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const master = loadOrCreateMasterKey(config.dataDir, config.masterKey);
  if (master.source === "generated") {
    logger.warn(
      { dataDir: config.dataDir },
      "generated a new master key in the data dir (master.key); back it up separately from the database",
    );
  }
  const crypto = await FieldCrypto.create(master.key);
  const database = openDatabase(config);
  try {
    if (options.migrate !== false) {
      const applied = await migrateToLatest(database);
      if (applied.length > 0) logger.info({ applied }, "database migrated");
    }
    await new InstanceService(new InstanceRepository(database.db), crypto).checkMasterKey();
  } catch (error) {
    await database.close();
    throw error;
  }
  return { config, logger, database, crypto, ...createServices(database, crypto) };
}

/** Wires every service over an open database; tests use it with their own test database. */
export function createServices(database: DatabaseDialect, crypto: FieldCrypto) {
  return {
    health: new HealthService(database),
    areas: new AreasService(new AreasRepository(database.db)),
    users: new UsersService(new UsersRepository(database.db), crypto),
    close: () => database.close(),
  };
}

/** Builds the HTTP app for an opened installation and listens on the configured port. */
export async function startServer(
  aviso: Aviso,
  options: { webDist?: string } = {},
): Promise<{ app: FastifyInstance; url: string }> {
  const { config } = aviso;
  const app = await buildApp({
    logger: aviso.logger,
    health: aviso.health,
    areas: aviso.areas,
    site: { name: config.orgName, hotline: config.hotline, timeZone: config.timeZone },
    publicUrl: config.publicUrl,
    bodyLimitBytes: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    ...(options.webDist ? { webDist: options.webDist } : {}),
  });
  const address = await app.listen({ port: config.port, host: config.host });
  const port = new URL(address).port;
  return { app, url: `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}` };
}
