import type { DataCategory } from "@aviso/core";
import type { Actor, AuditService } from "../audit/audit.service.ts";
import type { SessionsService } from "../users/sessions.service.ts";
import type { UsersService } from "../users/users.service.ts";

export interface RetentionRules {
  /** Days an ended (expired or revoked) session or invitation is kept before deletion. */
  endedSessionsDays: number;
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
  readonly #audit: AuditService;
  readonly #rules: RetentionRules;
  readonly #now: () => Date;
  constructor(
    users: UsersService,
    sessions: SessionsService,
    audit: AuditService,
    rules: RetentionRules,
    now: () => Date = () => new Date(),
  ) {
    this.#users = users;
    this.#sessions = sessions;
    this.#audit = audit;
    this.#rules = rules;
    this.#now = now;
  }

  async dataInventory(): Promise<DataCategory[]> {
    const byStatus = await this.#users.countByStatus();
    const staffOldest = byStatus.map((s) => s.oldest).sort()[0] ?? null;
    const { sessions, invitations } = await this.#sessions.inventory();
    const audit = await this.#audit.summary();
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
        category: "Residents (subscribers, reporters, families)",
        fields: [],
        protection: "this version stores no resident data; no field for immigration status exists",
        records: 0,
        oldest: null,
        retention: "—",
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
    const result: PurgeResult = {
      dryRun: options.dryRun,
      removed: [
        { category: "Staff sign-in sessions", records: counts.sessions, rule },
        { category: "Staff invitations", records: counts.invitations, rule },
      ],
    };
    if (!options.dryRun) {
      await this.#audit.record({
        actor: options.actor,
        action: "privacy.purged",
        details: { sessions: counts.sessions, invitations: counts.invitations },
      });
    }
    return result;
  }
}
