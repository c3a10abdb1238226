import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default("127.0.0.1"),
  AVISO_DATA_DIR: z.string().min(1).default("./data"),
  AVISO_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL (leave unset for embedded SQLite)")
    .optional(),
  AVISO_MASTER_KEY: z
    .string()
    .refine(
      (value) => Buffer.from(value, "base64").length === 32,
      "must be 32 bytes in base64 (generate with: openssl rand -base64 32)",
    )
    .optional(),
  AVISO_OLD_MASTER_KEYS: z
    .string()
    .refine(
      (value) => value.split(",").every((key) => Buffer.from(key.trim(), "base64").length === 32),
      "must be comma-separated 32-byte base64 keys, newest first",
    )
    .optional(),
  AVISO_PUBLIC_URL: z.url({ message: "must be an absolute http(s) URL" }).optional(),
  AVISO_ORG_NAME: z.string().min(1).default("Aviso Chicago"),
  AVISO_HOTLINE_NAME: z.string().min(1).default("ICIRR Family Support Hotline"),
  AVISO_HOTLINE_NUMBER: z
    .string()
    .regex(/^[0-9+()\-. ]{3,32}$/, "must be a phone number such as 1-855-435-7693")
    .default("1-855-435-7693"),
  AVISO_TIME_ZONE: z
    .string()
    .refine(isTimeZone, "must be an IANA time zone such as America/Chicago")
    .default("America/Chicago"),
  AVISO_LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info"),
  AVISO_LOG_CLIENT_IPS: flag.default(false),
  AVISO_TRUST_PROXY: flag.default(false),
  AVISO_LOAD_DEFAULT_AREAS: flag.default(true),
  AVISO_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(262_144),
  AVISO_TWILIO_AUTH_TOKEN: z
    .string()
    .min(16, "must be the Twilio auth token (32 characters)")
    .optional(),
  AVISO_TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, "must be a Twilio Account SID (AC followed by 32 hex digits)")
    .optional(),
  AVISO_TWILIO_FROM: z
    .string()
    .regex(
      /^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/,
      "must be a sending number in E.164 (+13125550100) or a Messaging Service SID (MG…)",
    )
    .optional(),
  AVISO_TWILIO_API_URL: z
    .url({ message: "must be an absolute http(s) URL" })
    .default("https://api.twilio.com"),
  AVISO_SMS_RATE_PER_SECOND: z.coerce.number().min(0.1).max(10_000).default(10),
  AVISO_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL (smtp://user:pass@host:587)")
    .optional(),
  AVISO_EMAIL_FROM: z.string().min(3).default("Aviso <alerts@aviso.invalid>"),
  AVISO_EMAIL_RATE_PER_SECOND: z.coerce.number().min(0.1).max(10_000).default(10),
  AVISO_PUSH_RATE_PER_SECOND: z.coerce.number().min(0.1).max(10_000).default(50),
  AVISO_VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)/, "must be a mailto: or https:// contact for push services")
    .optional(),
  AVISO_SMS_SENDERS: z.coerce.number().int().min(1).max(64).default(4),
  AVISO_SMS_VALIDITY_MINUTES: z.coerce.number().int().min(1).max(240).default(30),
  AVISO_SMS_COST_PER_SEGMENT: z.coerce.number().min(0).max(1).default(0.0083),
  AVISO_ALERT_TWO_PERSON: flag.default(true),
  AVISO_ALERT_EXPIRY_HOURS: z.coerce.number().int().min(1).max(72).default(6),
  AVISO_DELIVERY_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  AVISO_DELIVERY_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  AVISO_RUN_SENDERS: flag.default(true),
  AVISO_CLUSTER_METERS: z.coerce.number().int().min(50).max(20_000).default(800),
  AVISO_CLUSTER_HOURS: z.coerce.number().min(0.25).max(48).default(3),
  AVISO_DISPATCH_ACCEPT_MINUTES: z.coerce.number().min(0.5).max(120).default(5),
  AVISO_DISPATCH_WAVE_SIZE: z.coerce.number().int().min(1).max(20).default(2),
  AVISO_BASEMAP_PMTILES: z
    .string()
    .regex(/\.pmtiles$/, "must be the path of a .pmtiles file (a self-hosted basemap)")
    .optional(),
  AVISO_SMS_COUNTRIES: z
    .string()
    .regex(/^[A-Z]{2}(,[A-Z]{2})*$/, "must be ISO country codes such as US or US,CA")
    .default("US"),
  AVISO_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  AVISO_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  AVISO_INVITATION_HOURS: z.coerce.number().int().min(1).max(720).default(72),
  AVISO_RETENTION_ENDED_SESSIONS_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  AVISO_RETENTION_UNCONFIRMED_SUBSCRIPTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  AVISO_RETENTION_REPORT_REPLY_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  AVISO_RETENTION_REPORT_POINT_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  AVISO_RETENTION_DELIVERY_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  AVISO_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  AVISO_RATE_LIMIT_GLOBAL_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(6000),
});

/** The validated configuration. Paths are absolute. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** 32-byte master secret when configured; otherwise one is generated into the data dir. */
  masterKey: Buffer | undefined;
  /** Keys replaced by AVISO_MASTER_KEY, newest first, kept to open values not yet rotated. */
  olderMasterKeys: Buffer[];
  publicUrl: string;
  orgName: string;
  hotline: { name: string; number: string };
  timeZone: string;
  logLevel: z.infer<typeof ConfigSchema>["AVISO_LOG_LEVEL"];
  logClientIps: boolean;
  trustProxy: boolean;
  loadDefaultAreas: boolean;
  bodyLimitBytes: number;
  sessions: { idleMinutes: number; maxHours: number };
  invitationHours: number;
  retention: {
    endedSessionsDays: number;
    unconfirmedSubscriptionDays: number;
    reportReplyDays: number;
    reportPointDays: number;
    deliveryDays: number;
  };
  rateLimit: { perClientPerMinute: number; globalPerMinute: number };
  sms: {
    /** Verifies X-Twilio-Signature on webhooks; without it the Twilio webhooks refuse everything. */
    twilioAuthToken: string | undefined;
    /** Countries whose numbers may subscribe (SMS pumping defense). */
    countries: string[];
    /** Twilio REST sending; unset: the local outbox "sends" (development, demos). */
    twilio: { accountSid: string; from: string; apiUrl: string } | undefined;
    ratePerSecond: number;
    senders: number;
    validityMinutes: number;
    costPerSegment: number;
  };
  email: { smtpUrl: string | undefined; from: string };
  push: { subject: string };
  /** Messages per second each provider allows. */
  rates: { sms: number; email: number; push: number };
  alerts: { twoPersonRule: boolean; expiryHours: number };
  /** A sender claims up to `batchSize` at a time: a crash can repeat 2 × senders × batchSize. */
  delivery: { leaseSeconds: number; batchSize: number; runSenders: boolean };
  /** Reports this close in place and time to an open incident are suggested for merging. */
  clustering: { meters: number; hours: number };
  /** Unanswered verification requests go to the next nearest responders after `acceptMinutes`. */
  dispatch: { acceptMinutes: number; waveSize: number };
  /** A self-hosted PMTiles basemap for the console map; unset: the area outlines alone. */
  basemapPmtiles: string | undefined;
}

/** Raised when the environment holds a value Aviso cannot start with. Names every bad variable. */
export class ConfigError extends Error {
  readonly problems: { variable: string; message: string }[];
  constructor(problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n")}`,
    );
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/** Secrets may come from a file (Docker/Kubernetes secrets): `X_FILE=/run/secrets/x`. */
const FILE_VARIABLES = [
  "AVISO_DATABASE_URL",
  "AVISO_MASTER_KEY",
  "AVISO_OLD_MASTER_KEYS",
  "AVISO_TWILIO_AUTH_TOKEN",
  "AVISO_SMTP_URL",
] as const;

/**
 * Reads and validates the configuration from an environment. Empty strings count as unset.
 * Throws {@link ConfigError} naming each invalid variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(ConfigSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== "") raw[key] = value;
  }
  const problems: { variable: string; message: string }[] = [];
  for (const key of FILE_VARIABLES) {
    const file = env[`${key}_FILE`];
    if (!file) continue;
    if (raw[key] !== undefined) {
      problems.push({ variable: `${key}_FILE`, message: `set only one of ${key} and ${key}_FILE` });
      continue;
    }
    try {
      raw[key] = readFileSync(file, "utf8").trim();
    } catch (error) {
      problems.push({
        variable: `${key}_FILE`,
        message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
      });
    }
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ variable: String(issue.path[0] ?? "config"), message: issue.message });
    }
  }
  if (parsed.success && parsed.data.AVISO_TWILIO_ACCOUNT_SID) {
    for (const needed of ["AVISO_TWILIO_AUTH_TOKEN", "AVISO_TWILIO_FROM"] as const) {
      if (!parsed.data[needed])
        problems.push({
          variable: needed,
          message: "must be set when AVISO_TWILIO_ACCOUNT_SID is (Twilio sending needs all three)",
        });
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const c = parsed.data;
  const publicUrl = (c.AVISO_PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, "");
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(cwd, c.AVISO_DATA_DIR),
    databaseUrl: c.AVISO_DATABASE_URL,
    masterKey: c.AVISO_MASTER_KEY ? Buffer.from(c.AVISO_MASTER_KEY, "base64") : undefined,
    olderMasterKeys: (c.AVISO_OLD_MASTER_KEYS ?? "")
      .split(",")
      .filter((key) => key.trim() !== "")
      .map((key) => Buffer.from(key.trim(), "base64")),
    publicUrl,
    orgName: c.AVISO_ORG_NAME,
    hotline: { name: c.AVISO_HOTLINE_NAME, number: c.AVISO_HOTLINE_NUMBER },
    timeZone: c.AVISO_TIME_ZONE,
    logLevel: c.AVISO_LOG_LEVEL,
    logClientIps: c.AVISO_LOG_CLIENT_IPS,
    trustProxy: c.AVISO_TRUST_PROXY,
    loadDefaultAreas: c.AVISO_LOAD_DEFAULT_AREAS,
    bodyLimitBytes: c.AVISO_BODY_LIMIT_BYTES,
    sessions: { idleMinutes: c.AVISO_SESSION_IDLE_MINUTES, maxHours: c.AVISO_SESSION_MAX_HOURS },
    invitationHours: c.AVISO_INVITATION_HOURS,
    retention: {
      endedSessionsDays: c.AVISO_RETENTION_ENDED_SESSIONS_DAYS,
      unconfirmedSubscriptionDays: c.AVISO_RETENTION_UNCONFIRMED_SUBSCRIPTION_DAYS,
      reportReplyDays: c.AVISO_RETENTION_REPORT_REPLY_DAYS,
      reportPointDays: c.AVISO_RETENTION_REPORT_POINT_DAYS,
      deliveryDays: c.AVISO_RETENTION_DELIVERY_DAYS,
    },
    sms: {
      twilioAuthToken: c.AVISO_TWILIO_AUTH_TOKEN,
      countries: c.AVISO_SMS_COUNTRIES.split(","),
      twilio:
        c.AVISO_TWILIO_ACCOUNT_SID && c.AVISO_TWILIO_FROM
          ? {
              accountSid: c.AVISO_TWILIO_ACCOUNT_SID,
              from: c.AVISO_TWILIO_FROM,
              apiUrl: c.AVISO_TWILIO_API_URL,
            }
          : undefined,
      ratePerSecond: c.AVISO_SMS_RATE_PER_SECOND,
      senders: c.AVISO_SMS_SENDERS,
      validityMinutes: c.AVISO_SMS_VALIDITY_MINUTES,
      costPerSegment: c.AVISO_SMS_COST_PER_SEGMENT,
    },
    email: { smtpUrl: c.AVISO_SMTP_URL, from: c.AVISO_EMAIL_FROM },
    push: {
      subject:
        c.AVISO_VAPID_SUBJECT ??
        (publicUrl.startsWith("https://") ? publicUrl : "mailto:aviso@aviso.invalid"),
    },
    rates: {
      sms: c.AVISO_SMS_RATE_PER_SECOND,
      email: c.AVISO_EMAIL_RATE_PER_SECOND,
      push: c.AVISO_PUSH_RATE_PER_SECOND,
    },
    alerts: { twoPersonRule: c.AVISO_ALERT_TWO_PERSON, expiryHours: c.AVISO_ALERT_EXPIRY_HOURS },
    delivery: {
      leaseSeconds: c.AVISO_DELIVERY_LEASE_SECONDS,
      batchSize: c.AVISO_DELIVERY_BATCH_SIZE,
      runSenders: c.AVISO_RUN_SENDERS,
    },
    clustering: { meters: c.AVISO_CLUSTER_METERS, hours: c.AVISO_CLUSTER_HOURS },
    dispatch: {
      acceptMinutes: c.AVISO_DISPATCH_ACCEPT_MINUTES,
      waveSize: c.AVISO_DISPATCH_WAVE_SIZE,
    },
    basemapPmtiles: c.AVISO_BASEMAP_PMTILES
      ? path.resolve(cwd, c.AVISO_BASEMAP_PMTILES)
      : undefined,
    rateLimit: {
      perClientPerMinute: c.AVISO_RATE_LIMIT_PER_MINUTE,
      globalPerMinute: c.AVISO_RATE_LIMIT_GLOBAL_PER_MINUTE,
    },
  };
}
