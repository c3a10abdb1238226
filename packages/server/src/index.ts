export { runFanoutBench } from "./bench/fanout.ts";
export {
  type IntakeBenchResult,
  type LoadDriver,
  type LoadResult,
  type LoadRun,
  runIntakeBench,
} from "./bench/intake.ts";
export { type FakeTwilio, startFakeTwilio } from "./channels/sms/twilio-fake.ts";
export { type Config, ConfigError, loadConfig } from "./config.ts";
export { FieldCrypto } from "./crypto/field-crypto.ts";
export { addMasterKey, hasMasterKey, masterKeyPath } from "./crypto/master-key.ts";
export { migrateToLatest, openDatabase, pendingMigrations, sqlitePath } from "./db/database.ts";
export { redactUrl, restorePostgres } from "./db/dialects/postgres.ts";
export { isSqliteFile, restoreSqlite } from "./db/dialects/sqlite.ts";
export { AppError, isAppError } from "./errors.ts";
export { createLogger } from "./logger.ts";
export { type Aviso, createServices, openAviso, startServer } from "./main.ts";
export { SYSTEM } from "./modules/audit/audit.service.ts";
export { loadDefaultAreas, type ProgressCallback } from "./seed/default-areas.ts";
export { DEMO_STAFF, seedDemo } from "./seed/demo.ts";
