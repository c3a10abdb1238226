import type { Agent } from "node:https";
import type { StaffRole } from "@aviso/core";
import type { FastifyInstance } from "fastify";
import { EmailChannel } from "../src/channels/email/email.channel.ts";
import { type Config, loadConfig } from "../src/config.ts";
import type { DialectName } from "../src/db/dialects/dialect.ts";
import { buildApp } from "../src/http/app.ts";
import type { PolicyTable } from "../src/http/policy.ts";
import { createServices } from "../src/main.ts";
import { SYSTEM } from "../src/modules/audit/audit.service.ts";
import { newTotpSecret } from "../src/modules/users/totp.ts";
import { createTestCrypto, createTestDatabase, type TestDatabase } from "./databases.ts";
import { createCapturedLogger } from "./factories.ts";

export const TEST_PUBLIC_URL = "https://aviso.test";

/** A configuration as a fresh install would have, with overrides. */
export function testConfig(overrides: NodeJS.ProcessEnv = {}): Config {
  return loadConfig(
    { AVISO_PUBLIC_URL: TEST_PUBLIC_URL, AVISO_RATE_LIMIT_PER_MINUTE: "10000", ...overrides },
    "/tmp",
  );
}

export interface SignedIn {
  userId: string;
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

export interface TestApp {
  app: FastifyInstance;
  test: TestDatabase;
  services: ReturnType<typeof createServices>;
  log: ReturnType<typeof createCapturedLogger>;
  /** A staff member of that role (named `Test <role>` unless given), active, with a live session. */
  signInAs(role: StaffRole, email?: string, name?: string): Promise<SignedIn>;
  close(): Promise<void>;
}

/** The real app over a fresh test database, with a logger a test can read. */
export async function createTestApp(
  dialect: DialectName,
  options: {
    env?: NodeJS.ProcessEnv;
    policy?: PolicyTable;
    now?: () => Date;
    sqliteFile?: string;
    pushAgent?: Agent;
    fanOutPartRows?: number;
  } = {},
): Promise<TestApp> {
  const test = await createTestDatabase(
    dialect,
    options.sqliteFile ? { sqliteFile: options.sqliteFile } : {},
  );
  const config = testConfig(options.env);
  const services = createServices(test.database, await createTestCrypto(), config, options.now, {
    ...(options.pushAgent ? { pushAgent: options.pushAgent } : {}),
    ...(options.fanOutPartRows ? { fanOutPartRows: options.fanOutPartRows } : {}),
  });
  const log = createCapturedLogger();
  const app = await buildApp({
    logger: log.logger,
    services,
    site: { name: "Aviso Test", hotline: config.hotline, timeZone: config.timeZone },
    publicUrl: config.publicUrl,
    bodyLimitBytes: 4096,
    trustProxy: false,
    rateLimits: config.rateLimit,
    twilioAuthToken: config.sms.twilioAuthToken,
    basemapPmtiles: config.basemapPmtiles,
    webDist: "/nonexistent",
    ...(options.policy ? { policy: options.policy } : {}),
  });
  let counter = 0;
  return {
    app,
    test,
    services,
    log,
    async signInAs(role, email, name) {
      const address = email ?? `${role}-${++counter}@staff.aviso.invalid`;
      const { user } = await services.users.addUser(
        { email: address, name: name ?? `Test ${role}`, role },
        SYSTEM,
      );
      await services.users.setCredentials(user.id, "correct horse battery staple", newTotpSecret());
      const { token, identity } = await services.sessions.create(user.id, role, "vitest");
      const cookie = `__Host-aviso_session=${token}`;
      return {
        userId: user.id,
        cookie,
        csrf: identity.csrfToken,
        headers: { cookie, "x-csrf-token": identity.csrfToken },
      };
    },
    async close() {
      await app.close();
      await services.alerts.settled();
      if (services.emailChannel instanceof EmailChannel) services.emailChannel.close();
      await services.deliveryStore.close();
      await test.cleanup();
    },
  };
}
