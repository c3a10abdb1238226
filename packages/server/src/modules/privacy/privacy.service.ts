import type { DataCategory } from "@aviso/core";
import type { OutboxChannel } from "../../channels/outbox/outbox.channel.ts";
import type { AlertsService } from "../alerts/alerts.service.ts";
import type { Actor, AuditService } from "../audit/audit.service.ts";
import type { DispatchService } from "../dispatch/dispatch.service.ts";
import type { IncidentsService } from "../incidents/incidents.service.ts";
import type { PlansService } from "../plans/plans.service.ts";
import type { ReportsService } from "../reports/reports.service.ts";
import type { SubscriptionsService } from "../subscriptions/subscriptions.service.ts";
import type { SessionsService } from "../users/sessions.service.ts";
import type { UsersService } from "../users/users.service.ts";

export interface RetentionRules {
  /** Days an ended (expired or revoked) session or invitation is kept before deletion. */
  endedSessionsDays: number;
  /** Days a subscription that was never confirmed is kept before deletion. */
  unconfirmedSubscriptionDays: number;
  /** Days after a report that the reporter's reply number is erased. */
  reportReplyDays: number;
  /** Days after a report that its precise point is erased (the cell and area stay). */
  reportPointDays: number;
  /** Days after a delivery ended that the record of it is deleted. */
  deliveryDays: number;
}

export interface PurgeResult {
  dryRun: boolean;
  removed: { category: string; records: number; rule: string }[];
}

/**
 * What personal data this installation holds, and the retention rules that delete it. The
 * inventory is exactly what is stored: categories, counts, the oldest record, the rule.
 */
export class PrivacyService {
  readonly #users: UsersService;
  readonly #sessions: SessionsService;
  readonly #subscriptions: SubscriptionsService;
  readonly #reports: ReportsService;
  readonly #plans: PlansService;
  readonly #alerts: AlertsService;
  readonly #outbox: OutboxChannel;
  readonly #field: { incidents: IncidentsService; dispatch: DispatchService };
  readonly #audit: AuditService;
  readonly #rules: RetentionRules;
  readonly #now: () => Date;
  constructor(
    users: UsersService,
    sessions: SessionsService,
    subscriptions: SubscriptionsService,
    reports: ReportsService,
    plans: PlansService,
    alerts: AlertsService,
    outbox: OutboxChannel,
    field: { incidents: IncidentsService; dispatch: DispatchService },
    audit: AuditService,
    rules: RetentionRules,
    now: () => Date = () => new Date(),
  ) {
    this.#users = users;
    this.#sessions = sessions;
    this.#subscriptions = subscriptions;
    this.#reports = reports;
    this.#plans = plans;
    this.#alerts = alerts;
    this.#outbox = outbox;
    this.#field = field;
    this.#audit = audit;
    this.#rules = rules;
    this.#now = now;
  }

  async dataInventory(): Promise<DataCategory[]> {
    const byStatus = await this.#users.countByStatus();
    const staffOldest = byStatus.map((s) => s.oldest).sort()[0] ?? null;
    const { sessions, invitations } = await this.#sessions.inventory();
    const audit = await this.#audit.summary();
    const subscribers = await this.#subscriptions.inventory();
    const outbox = await this.#outbox.inventory();
    const reports = await this.#reports.inventory();
    const incidents = await this.#field.incidents.inventory();
    const dispatch = await this.#field.dispatch.inventory();
    const plans = await this.#plans.inventory();
    const deliveries = await this.#alerts.deliveryInventory();
    const held = subscribers.byStatus.filter((s) => s.status !== "stopped");
    const ended = `deleted ${this.#rules.endedSessionsDays} days after it ends (daily purge)`;
    return [
      {
        category: "Staff accounts",
        fields: [
          "email",
          "name",
          "role",
          "password hash",
          "authenticator secret",
          "recovery code hashes",
        ],
        protection:
          "email, name and authenticator secret encrypted (XChaCha20-Poly1305, key outside the database); email found by keyed blind index; password as an Argon2id hash",
        records: byStatus.reduce((sum, s) => sum + s.n, 0),
        oldest: staffOldest,
        retention: "kept while the account exists; disabling ends its sessions",
      },
      {
        category: "Staff sign-in sessions",
        fields: ["coarse device name (browser and system)", "times"],
        protection: "only a hash of the session token; no IP address is stored",
        records: sessions.count,
        oldest: sessions.oldest,
        retention: ended,
      },
      {
        category: "Staff invitations",
        fields: ["which account", "times"],
        protection: "only a hash of the link's token",
        records: invitations.count,
        oldest: invitations.oldest,
        retention: ended,
      },
      {
        category: "Audit trail",
        fields: ["staff account ids", "actions", "reasons for reading personal data", "record ids"],
        protection: "no names, numbers or messages; each entry sealed by a keyed hash chain",
        records: audit.count,
        oldest: audit.oldest,
        retention: "kept: it is the record of who did what",
      },
      {
        category: "Alert subscribers",
        fields: [
          "phone number, email address, or a browser's push address and keys",
          "language",
          "chosen areas (ZIP code or neighborhood, never an address)",
        ],
        protection:
          "the contact encrypted (XChaCha20-Poly1305), found by keyed blind index; no name, no address, no immigration status",
        records: held.reduce((sum, s) => sum + s.n, 0),
        oldest: held.map((s) => s.oldest).sort()[0] ?? null,
        retention: `until the person texts STOP or unsubscribes (the contact is erased at once; a push address the browser dropped too); unconfirmed sign-ups deleted after ${this.#rules.unconfirmedSubscriptionDays} days`,
      },
      {
        category: "Alert deliveries",
        fields: ["which subscriber was sent which alert, when, and the provider's message id"],
        protection: "no number or text is copied: the number stays sealed with the subscriber",
        records: deliveries.count,
        oldest: deliveries.oldest,
        retention: `deleted ${this.#rules.deliveryDays} days after the delivery ended (daily purge)`,
      },
      {
        category: "Opt-out list",
        fields: ["keyed blind index of the number (not the number)"],
        protection: "the number itself is not kept; the index only tells that a number opted out",
        records: subscribers.suppressions.count,
        oldest: subscribers.suppressions.oldest,
        retention: "kept, so a number that opted out is never texted again, until it texts START",
      },
      {
        category: "Reports of enforcement activity",
        fields: [
          "what was seen (size, activity, uniforms, equipment) and a free-text note",
          "when it was seen",
          "where: a map cell of about 0.7 km² and its area",
          "screening flags (codes only)",
        ],
        protection:
          "what was written encrypted (XChaCha20-Poly1305); no field asks for anyone's name, status or address; staff reading it is audited",
        records: reports.byStatus.reduce((sum, s) => sum + s.n, 0),
        oldest: reports.byStatus.map((s) => s.oldest).sort()[0] ?? null,
        retention:
          "kept as the record of what was reported; staff remove the details of a report about a person",
      },
      {
        category: "Precise report locations",
        fields: ["the pin or phone location of a report"],
        protection: "encrypted (XChaCha20-Poly1305)",
        records: reports.points.count,
        oldest: reports.points.oldest,
        retention: `erased ${this.#rules.reportPointDays} days after the report, leaving the map cell and area (daily purge)`,
      },
      {
        category: "Incidents and their timelines",
        fields: [
          "status, areas, a map cell and times",
          "the reports' centre point (encrypted)",
          "timeline notes staff and responders wrote (encrypted)",
        ],
        protection: "encrypted (XChaCha20-Poly1305); reading an incident is audited",
        records: incidents.byStatus.reduce((sum, s) => sum + s.n, 0),
        oldest: incidents.byStatus.map((s) => s.oldest).sort()[0] ?? null,
        retention: "kept as the record of what was verified; notes hold no one's name or status",
      },
      {
        category: "Responders' contacts and outcome notes",
        fields: [
          "a phone number and a browser push subscription for verification requests",
          "notes with an outcome",
        ],
        protection:
          "encrypted (XChaCha20-Poly1305); requests by text name an area, never what was reported",
        records: dispatch.contacts.count + dispatch.notes.count,
        oldest: [dispatch.contacts.oldest, dispatch.notes.oldest].filter(Boolean).sort()[0] ?? null,
        retention: "contacts until the responder removes them; notes kept with the incident",
      },
      {
        category: "Report and responder photos",
        fields: ["a photo, re-encoded: its EXIF, GPS and other metadata are removed on arrival"],
        protection: "encrypted (XChaCha20-Poly1305); viewing one is audited",
        records: reports.photos.count,
        oldest: reports.photos.oldest,
        retention: `deleted ${this.#rules.reportPointDays} days after they arrive (daily purge)`,
      },
      {
        category: "Reporters' reply numbers",
        fields: [
          "phone number left for one follow-up question",
          "the question texted to it and the answer (a day to answer)",
        ],
        protection: "encrypted (XChaCha20-Poly1305); never shown in the console list",
        records: reports.replies.count,
        oldest: reports.replies.oldest,
        retention: `erased ${this.#rules.reportReplyDays} days after the report (daily purge)`,
      },
      {
        category: "Family plans (sealed in the resident's browser)",
        fields: ["ciphertext only: the server cannot read a plan", "when it was made and changed"],
        protection:
          "sealed in the browser with a key from the resident's passphrase (Argon2id, XChaCha20-Poly1305); the server holds no key, only a hash of the owner's token",
        records: plans.plans.count,
        oldest: plans.plans.oldest,
        retention: "until the resident deletes it",
      },
      {
        category: "Family plan share links",
        fields: ["the plan's key sealed with a key that only the link holds"],
        protection: "useless without the link, which never reaches the server",
        records: plans.shares.count,
        oldest: plans.shares.oldest,
        retention: "until it expires (deleted by the daily purge) or the owner takes it back",
      },
      {
        category: "Local outbox (development and demos)",
        fields: ["recipient number or address", "message text (codes, links, alerts)"],
        protection: "both encrypted (XChaCha20-Poly1305); reading them is audited",
        records: outbox.count,
        oldest: outbox.oldest,
        retention: "deleted after 1 day (daily purge)",
      },
    ];
  }

  /** Applies every retention rule; with `dryRun`, only says what it would remove. */
  async purge(options: { dryRun: boolean; actor: Actor }): Promise<PurgeResult> {
    const cutoff = new Date(
      this.#now().getTime() - this.#rules.endedSessionsDays * 86_400_000,
    ).toISOString();
    const counts = await this.#sessions.purgeEnded(cutoff, options.dryRun);
    const rule = `ended more than ${this.#rules.endedSessionsDays} days ago`;
    const unconfirmedCutoff = new Date(
      this.#now().getTime() - this.#rules.unconfirmedSubscriptionDays * 86_400_000,
    ).toISOString();
    const unconfirmed = await this.#subscriptions.purgeUnconfirmed(
      unconfirmedCutoff,
      options.dryRun,
    );
    const daysAgo = (days: number) =>
      new Date(this.#now().getTime() - days * 86_400_000).toISOString();
    const reports = await this.#reports.purge(
      { reply: daysAgo(this.#rules.reportReplyDays), point: daysAgo(this.#rules.reportPointDays) },
      options.dryRun,
    );
    const centres = await this.#field.incidents.coarsenBefore(
      daysAgo(this.#rules.reportPointDays),
      options.dryRun,
    );
    const shares = await this.#plans.purgeExpiredShares(options.dryRun);
    const deliveries = await this.#alerts.purgeDeliveries(
      daysAgo(this.#rules.deliveryDays),
      options.dryRun,
    );
    const dayAgo = daysAgo(1);
    const outbox = await this.#outbox.purgeBefore(dayAgo, options.dryRun);
    const result: PurgeResult = {
      dryRun: options.dryRun,
      removed: [
        { category: "Staff sign-in sessions", records: counts.sessions, rule },
        { category: "Staff invitations", records: counts.invitations, rule },
        {
          category: "Alert subscribers",
          records: unconfirmed,
          rule: `never confirmed, signed up more than ${this.#rules.unconfirmedSubscriptionDays} days ago`,
        },
        {
          category: "Precise report locations",
          records: reports.points,
          rule: `reported more than ${this.#rules.reportPointDays} days ago (the cell and area stay)`,
        },
        {
          category: "Report and responder photos",
          records: reports.photos,
          rule: `sent more than ${this.#rules.reportPointDays} days ago`,
        },
        {
          category: "Precise incident centres",
          records: centres,
          rule: `last seen more than ${this.#rules.reportPointDays} days ago (the cell's centre stays)`,
        },
        {
          category: "Reporters' reply numbers",
          records: reports.replies,
          rule: `reported more than ${this.#rules.reportReplyDays} days ago`,
        },
        { category: "Family plan share links", records: shares, rule: "expired" },
        {
          category: "Alert deliveries",
          records: deliveries,
          rule: `ended more than ${this.#rules.deliveryDays} days ago`,
        },
        { category: "Local outbox", records: outbox, rule: "older than 1 day" },
      ],
    };
    if (!options.dryRun) {
      await this.#audit.record({
        actor: options.actor,
        action: "privacy.purged",
        details: {
          sessions: counts.sessions,
          invitations: counts.invitations,
          unconfirmedSubscriptions: unconfirmed,
          outboxMessages: outbox,
          reportPoints: reports.points,
          reportReplies: reports.replies,
          photos: reports.photos,
          incidentCentres: centres,
          expiredPlanShares: shares,
          alertDeliveries: deliveries,
        },
      });
    }
    return result;
  }
}
