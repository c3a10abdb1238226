import { mkdirSync } from "node:fs";
import type { Agent } from "node:https";
import { loadRightsLibrary, type RightsLibrary } from "@aviso/content";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { MessageChannel, OutgoingMessage } from "./channels/channel.ts";
import { EmailChannel } from "./channels/email/email.channel.ts";
import { OutboxChannel } from "./channels/outbox/outbox.channel.ts";
import { OutboxRepository } from "./channels/outbox/outbox.repository.ts";
import { PushChannel } from "./channels/push/push.channel.ts";
import { TwilioChannel } from "./channels/sms/twilio.channel.ts";
import type { Config } from "./config.ts";
import { FieldCrypto } from "./crypto/field-crypto.ts";
import { loadOrCreateMasterKey } from "./crypto/master-key.ts";
import { migrateToLatest, openDatabase } from "./db/database.ts";
import type { DatabaseDialect } from "./db/dialects/dialect.ts";
import { type AppDependencies, buildApp } from "./http/app.ts";
import { DeliveryWorker } from "./jobs/delivery-worker.ts";
import { scheduleDispatchEscalation } from "./jobs/dispatch-escalation.ts";
import { scheduleRetention } from "./jobs/retention.ts";
import { createLogger } from "./logger.ts";
import { alertEmail, alertPush, alertSms } from "./modules/alerts/alert-message.ts";
import { AlertSigner } from "./modules/alerts/alert-signer.ts";
import {
  type AlertRow,
  AlertsRepository,
  type ClaimedDelivery,
} from "./modules/alerts/alerts.repository.ts";
import { AlertsService } from "./modules/alerts/alerts.service.ts";
import { openDeliveryStore } from "./modules/alerts/delivery-store.ts";
import { AreasRepository } from "./modules/areas/areas.repository.ts";
import { AreasService } from "./modules/areas/areas.service.ts";
import { AuditRepository } from "./modules/audit/audit.repository.ts";
import { AuditService } from "./modules/audit/audit.service.ts";
import { DispatchRepository } from "./modules/dispatch/dispatch.repository.ts";
import { DispatchService } from "./modules/dispatch/dispatch.service.ts";
import { LiveEvents } from "./modules/events/live-events.ts";
import { FloodService } from "./modules/flood/flood.service.ts";
import { HealthService } from "./modules/health/health.service.ts";
import { IncidentsRepository } from "./modules/incidents/incidents.repository.ts";
import { IncidentsService } from "./modules/incidents/incidents.service.ts";
import { InstanceRepository } from "./modules/instance/instance.repository.ts";
import { InstanceService } from "./modules/instance/instance.service.ts";
import { KeysRepository } from "./modules/keys/keys.repository.ts";
import { KeysService } from "./modules/keys/keys.service.ts";
import { NowService } from "./modules/now/now.service.ts";
import { PhotosRepository } from "./modules/photos/photos.repository.ts";
import { PhotosService } from "./modules/photos/photos.service.ts";
import { PlansRepository } from "./modules/plans/plans.repository.ts";
import { PlansService } from "./modules/plans/plans.service.ts";
import { PrivacyService } from "./modules/privacy/privacy.service.ts";
import { ReportsRepository } from "./modules/reports/reports.repository.ts";
import { ReportsService } from "./modules/reports/reports.service.ts";
import { unsubscribeUrl } from "./modules/subscriptions/contacts.ts";
import { readSubscriberPhone } from "./modules/subscriptions/phone.ts";
import { PushKeys } from "./modules/subscriptions/push-keys.ts";
import { SmsInboundService } from "./modules/subscriptions/sms-inbound.service.ts";
import { SubscriptionsRepository } from "./modules/subscriptions/subscriptions.repository.ts";
import { SubscriptionsService } from "./modules/subscriptions/subscriptions.service.ts";
import { WebSubscriptionsService } from "./modules/subscriptions/web-subscriptions.service.ts";
import { PasskeysRepository } from "./modules/users/passkeys.repository.ts";
import { PasskeysService } from "./modules/users/passkeys.service.ts";
import { SessionsRepository } from "./modules/users/sessions.repository.ts";
import { SessionsService } from "./modules/users/sessions.service.ts";
import { SignInService } from "./modules/users/sign-in.service.ts";
import { UsersRepository } from "./modules/users/users.repository.ts";
import { UsersService } from "./modules/users/users.service.ts";

/** One running installation: its configuration, database and services. The composition root. */
export type Aviso = {
  config: Config;
  logger: Logger;
  database: DatabaseDialect;
  crypto: FieldCrypto;
} & ReturnType<typeof createServices>;

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
  const master = loadOrCreateMasterKey(config.dataDir, config.masterKey, config.olderMasterKeys);
  if (master.source === "generated") {
    logger.warn(
      { dataDir: config.dataDir },
      "generated a new master key in the data dir (master.key); back it up separately from the database",
    );
  }
  const crypto = await FieldCrypto.create(master.current, master.older);
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
  return { config, logger, database, ...createServices(database, crypto, config) };
}

/** Wires every service over an open database; tests use it with their own test database. */
export function createServices(
  database: DatabaseDialect,
  crypto: FieldCrypto,
  config: Config,
  now: () => Date = () => new Date(),
  /**
   * For tests: an agent that trusts a local HTTPS push endpoint's certificate, and fan-outs in
   * parts small enough to see.
   */
  testing: { pushAgent?: Agent; fanOutPartRows?: number } = {},
) {
  const audit = new AuditService(new AuditRepository(database), crypto, now);
  let rights: RightsLibrary | undefined;
  const areas = new AreasService(new AreasRepository(database.db), now);
  const usersRepository = new UsersRepository(database.db);
  const sessionsRepository = new SessionsRepository(database.db);
  const users = new UsersService(usersRepository, sessionsRepository, crypto, audit, {
    publicUrl: config.publicUrl,
    orgName: config.orgName,
    invitationHours: config.invitationHours,
    now,
  });
  const subscriptionsRepository = new SubscriptionsRepository(database.db);
  const subscriptions = new SubscriptionsService(subscriptionsRepository);
  // The local outbox stands in for any provider that is not configured (development, demos).
  const outbox = new OutboxChannel(new OutboxRepository(database.db), crypto, now);
  const emailChannel = emailProvider(config, outbox);
  const sms = smsProvider(config, outbox);
  const events = new LiveEvents(database);
  const photos = new PhotosService(new PhotosRepository(database.db), crypto, audit, now);
  const reports = new ReportsService(
    new ReportsRepository(database.db),
    areas,
    crypto,
    audit,
    photos,
    events,
    {
      countries: config.sms.countries,
      sms,
      isOptedOut: async (e164) =>
        subscriptionsRepository.isSuppressed(
          "sms",
          readSubscriberPhone(e164, crypto, [])?.index ?? "",
        ),
      now,
    },
  );
  const plans = new PlansService(new PlansRepository(database.db), now);
  const alertsRepository = new AlertsRepository(database);
  const deliveryStore = openDeliveryStore(database, alertsRepository, crypto);
  const alerts = new AlertsService(
    alertsRepository,
    areas,
    users,
    new AlertSigner(new InstanceRepository(database.db), crypto),
    crypto,
    audit,
    {
      twoPersonRule: config.alerts.twoPersonRule,
      expiryHours: config.alerts.expiryHours,
      publicUrl: config.publicUrl,
      hotline: config.hotline.number,
      sms: { costPerSegment: config.sms.costPerSegment },
      rates: config.rates,
      ...(testing.fanOutPartRows ? { fanOutPartRows: testing.fanOutPartRows } : {}),
      now,
    },
    deliveryStore,
  );
  const pushKeys = new PushKeys(new InstanceRepository(database.db), crypto);
  const incidents = new IncidentsService(
    new IncidentsRepository(database),
    reports,
    areas,
    users,
    crypto,
    audit,
    events,
    { cluster: config.clustering, now },
  );
  const dispatch = new DispatchService(
    {
      dispatch: new DispatchRepository(database.db),
      incidents,
      areas,
      users,
      photos,
      crypto,
      audit,
      events,
      channels: {
        sms,
        push: new PushChannel({
          vapid: () => pushKeys.get(),
          subject: config.push.subject,
          ttlSeconds: config.dispatch.acceptMinutes * 60,
          ...(testing.pushAgent ? { agent: testing.pushAgent } : {}),
        }),
      },
    },
    {
      publicUrl: config.publicUrl,
      acceptMinutes: config.dispatch.acceptMinutes,
      waveSize: config.dispatch.waveSize,
      countries: config.sms.countries,
      now,
    },
  );
  const sessions = new SessionsService(
    sessionsRepository,
    usersRepository,
    audit,
    config.sessions,
    now,
  );
  return {
    health: new HealthService(database),
    areas,
    audit,
    users,
    sessions,
    signIn: new SignInService(usersRepository, crypto, audit, now),
    passkeys: new PasskeysService(
      new PasskeysRepository(database.db),
      usersRepository,
      crypto,
      audit,
      {
        publicUrl: config.publicUrl,
        orgName: config.orgName,
        now,
      },
    ),
    privacy: new PrivacyService(
      users,
      sessions,
      subscriptions,
      reports,
      plans,
      alerts,
      outbox,
      { incidents, dispatch },
      audit,
      config.retention,
      now,
    ),
    keys: new KeysService(new KeysRepository(database.db), crypto, audit),
    flood: new FloodService(new InstanceRepository(database.db), crypto, audit, now),
    now: new NowService(alerts.notices, now),
    alerts,
    deliveryStore,
    subscriptions,
    reports,
    plans,
    outbox,
    webSubscriptions: new WebSubscriptionsService(
      subscriptionsRepository,
      areas,
      crypto,
      audit,
      { sms, email: emailChannel },
      { countries: config.sms.countries, publicUrl: config.publicUrl, now },
    ),
    emailChannel,
    pushKeys,
    events,
    photos,
    incidents,
    dispatch,
    smsInbound: new SmsInboundService(subscriptionsRepository, areas, crypto, audit, reports, {
      publicUrl: config.publicUrl,
      hotline: config.hotline.number,
      countries: config.sms.countries,
      rights: () => {
        rights ??= loadRightsLibrary();
        return rights;
      },
      now,
    }),
    crypto,
    close: async () => {
      if (emailChannel instanceof EmailChannel) emailChannel.close();
      await deliveryStore.close();
      await database.close();
    },
  };
}

/**
 * The SMS provider the configuration names: Twilio's REST API when its account is set, else
 * the local outbox (development and demos).
 */
export function smsProvider(config: Config, outbox: OutboxChannel): MessageChannel {
  const twilio = config.sms.twilio;
  if (!twilio || !config.sms.twilioAuthToken) return outbox;
  return new TwilioChannel({
    ...twilio,
    authToken: config.sms.twilioAuthToken,
    statusCallbackUrl: `${config.publicUrl}/api/sms/twilio/status`,
    validitySeconds: config.sms.validityMinutes * 60,
  });
}

/** Email over SMTP when AVISO_SMTP_URL is set, else the local outbox. */
export function emailProvider(config: Config, outbox: OutboxChannel): MessageChannel {
  return config.email.smtpUrl
    ? new EmailChannel({ smtpUrl: config.email.smtpUrl, from: config.email.from })
    : outbox;
}

type Services = ReturnType<typeof createServices>;
interface WorkerOptions {
  provider?: MessageChannel;
  ratePerSecond?: number;
  pollMs?: number;
  batchSize?: number;
  now?: () => Date;
}
type Channel = "sms" | "email" | "push";

/** How an alert becomes one channel's message. SMS and push texts are made once per language. */
function composer(channel: Channel, services: Services, config: Config) {
  const made = new Map<string, Omit<OutgoingMessage, "to" | "channel">>();
  return (alert: AlertRow, delivery: ClaimedDelivery) => {
    const texts = () => JSON.parse(alert.texts) as Record<string, string>;
    const code = alert.verification_code ?? "";
    if (channel === "email")
      return alertEmail(
        texts(),
        delivery.language,
        code,
        config.publicUrl,
        unsubscribeUrl(services.crypto, config.publicUrl, delivery.subscriber_id),
        config.orgName,
      );
    const key = `${alert.id}:${delivery.language}`;
    let message = made.get(key);
    if (!message) {
      if (made.size > 1000) made.clear();
      message =
        channel === "sms"
          ? {
              body: alertSms(texts(), delivery.language, code, config.publicUrl),
              reference: alert.id,
            }
          : alertPush(texts(), delivery.language, code, config.orgName);
      made.set(key, message);
    }
    return message;
  };
}

/** A channel's sender for these services, woken whenever an alert queues deliveries. */
export function createDeliveryWorker(
  services: Services,
  config: Config,
  logger: Logger,
  channel: Channel,
  options: WorkerOptions = {},
): DeliveryWorker {
  const provider =
    options.provider ??
    (channel === "sms"
      ? smsProvider(config, services.outbox)
      : channel === "email"
        ? services.emailChannel
        : new PushChannel({
            vapid: () => services.pushKeys.get(),
            subject: config.push.subject,
            ttlSeconds: config.sms.validityMinutes * 60,
          }));
  const worker = new DeliveryWorker(
    services.deliveryStore,
    services.crypto,
    {
      channel,
      provider,
      compose: composer(channel, services, config),
      onGone: (id) => services.subscriptions.forget(id),
      ratePerSecond: options.ratePerSecond ?? config.rates[channel],
      loops: config.sms.senders,
      batchSize: options.batchSize ?? config.delivery.batchSize,
      leaseSeconds: config.delivery.leaseSeconds,
      maxAttempts: 5,
      pollMs: options.pollMs ?? 250,
      publicUrl: config.publicUrl,
      ...(options.now ? { now: options.now } : {}),
    },
    logger,
  );
  const previous = services.alerts.onQueued;
  services.alerts.onQueued = () => {
    previous();
    worker.wake();
  };
  services.alerts.onFanOutError = (error, alertId) =>
    logger.error({ err: error, alertId }, "alert fan-out failed; it resumes on the next start");
  return worker;
}

/** The SMS sender (tests and benches use it with their own provider). */
export const createSmsWorker = (
  services: Services,
  config: Config,
  logger: Logger,
  options: WorkerOptions = {},
) => createDeliveryWorker(services, config, logger, "sms", options);

/** What `buildApp` needs from an opened installation and its configuration. */
export function appDependencies(aviso: Aviso): AppDependencies {
  const { config } = aviso;
  return {
    logger: aviso.logger,
    services: aviso,
    site: { name: config.orgName, hotline: config.hotline, timeZone: config.timeZone },
    publicUrl: config.publicUrl,
    bodyLimitBytes: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    rateLimits: config.rateLimit,
    twilioAuthToken: config.sms.twilioAuthToken,
    basemapPmtiles: config.basemapPmtiles,
  };
}

/** Builds the HTTP app for an opened installation and listens on the configured port. */
export async function startServer(
  aviso: Aviso,
  options: { webDist?: string } = {},
): Promise<{ app: FastifyInstance; url: string }> {
  const { config } = aviso;
  const app = await buildApp({
    ...appDependencies(aviso),
    ...(options.webDist ? { webDist: options.webDist } : {}),
  });
  const stopRetention = scheduleRetention(aviso.privacy, aviso.logger);
  app.addHook("onClose", async () => stopRetention());
  const stopEscalation = scheduleDispatchEscalation(aviso.dispatch, aviso.logger);
  app.addHook("onClose", async () => stopEscalation());
  await aviso.pushKeys.get(); // VAPID keys exist from the first start
  if (config.delivery.runSenders) {
    const workers = (["sms", "email", "push"] as const).map((channel) =>
      createDeliveryWorker(aviso, config, aviso.logger, channel),
    );
    for (const worker of workers) worker.start();
    await aviso.alerts.resumeFanOuts();
    app.addHook("onClose", async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
      await aviso.alerts.settled();
    });
  }
  const address = await app.listen({ port: config.port, host: config.host });
  const port = new URL(address).port;
  // Show the configured public address when it is this very server (passkeys need its name).
  const publicUrl = new URL(config.publicUrl);
  const isLocal =
    ["localhost", "127.0.0.1"].includes(publicUrl.hostname) && publicUrl.port === port;
  return {
    app,
    url: isLocal
      ? config.publicUrl
      : `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`,
  };
}
