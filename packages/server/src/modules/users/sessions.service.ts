import { randomUUID } from "node:crypto";
import type { StaffRole } from "@aviso/core";
import { hashToken, randomToken } from "../../crypto/tokens.ts";
import { notFound } from "../../errors.ts";
import type { Actor, AuditService } from "../audit/audit.service.ts";
import type { SessionRow, SessionsRepository } from "./sessions.repository.ts";
import type { UsersRepository } from "./users.repository.ts";

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

/** Who is making a request, resolved from their session cookie. */
export interface StaffIdentity {
  userId: string;
  role: StaffRole;
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
}

export interface SessionSummary {
  id: string;
  device: string;
  createdAt: string;
  lastSeenAt: string;
  isCurrent: boolean;
}

/** A coarse name for a browser, enough to recognise one's own devices and nothing more. */
export function describeDevice(userAgent: string | undefined): string {
  const ua = userAgent ?? "";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : "A browser";
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "an unknown system";
  return `${browser} on ${os}`;
}

/**
 * Staff sessions: a random token in an HttpOnly cookie, only its hash stored; idle and absolute
 * timeouts; a CSRF token per session; revocable one by one or all at once.
 */
export class SessionsService {
  readonly #sessions: SessionsRepository;
  readonly #users: UsersRepository;
  readonly #audit: AuditService;
  readonly #policy: SessionPolicy;
  readonly #now: () => Date;
  constructor(
    sessions: SessionsRepository,
    users: UsersRepository,
    audit: AuditService,
    policy: SessionPolicy,
    now: () => Date = () => new Date(),
  ) {
    this.#sessions = sessions;
    this.#users = users;
    this.#audit = audit;
    this.#policy = policy;
    this.#now = now;
  }

  /** Starts a new session (a new token every sign-in, so a planted cookie is never promoted). */
  async create(
    userId: string,
    role: StaffRole,
    userAgent: string | undefined,
  ): Promise<{ token: string; identity: StaffIdentity }> {
    const now = this.#now();
    const token = randomToken();
    const row: SessionRow = {
      id: randomUUID(),
      token_hash: hashToken(token),
      user_id: userId,
      csrf_token: randomToken(24),
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + this.#policy.maxHours * 3_600_000).toISOString(),
      revoked_at: null,
      device: describeDevice(userAgent),
    };
    await this.#sessions.insertSession(row);
    return { token, identity: this.#identity(row, role) };
  }

  /** The live session for a cookie token, or undefined (unknown, revoked, idle, expired, disabled). */
  async resolve(token: string): Promise<StaffIdentity | undefined> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
    const row = await this.#sessions.findSessionByTokenHash(hashToken(token));
    if (!row || row.revoked_at) return undefined;
    const now = this.#now();
    const idleLimit = new Date(row.last_seen_at).getTime() + this.#policy.idleMinutes * 60_000;
    if (row.expires_at <= now.toISOString() || idleLimit <= now.getTime()) return undefined;
    const user = await this.#users.findById(row.user_id);
    if (user?.status !== "active") return undefined;
    // Writing last-seen on every request would make each read a write; once a minute is enough.
    if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
      await this.#sessions.touchSession(row.id, now.toISOString());
    }
    return this.#identity(row, user.role as StaffRole);
  }

  async list(identity: StaffIdentity): Promise<SessionSummary[]> {
    const now = this.#now();
    const rows = await this.#sessions.listSessions(identity.userId, now.toISOString());
    const idleSince = now.getTime() - this.#policy.idleMinutes * 60_000;
    return rows
      .filter((row) => new Date(row.last_seen_at).getTime() > idleSince)
      .map((row) => ({
        id: row.id,
        device: row.device,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        isCurrent: row.id === identity.sessionId,
      }));
  }

  /** Ends one of the user's sessions (their own list), or the current one at sign-out. */
  async revoke(identity: StaffIdentity, sessionId: string): Promise<void> {
    const count = await this.#sessions.revokeSessions(
      identity.userId,
      this.#now().toISOString(),
      sessionId,
    );
    if (count === 0) throw notFound("SESSION_NOT_FOUND", "No such live session");
    await this.#audit.record({
      actor: actorOf(identity),
      action: sessionId === identity.sessionId ? "staff.sign_out" : "staff.session_revoked",
      subject: { type: "staff_session", id: sessionId },
    });
  }

  /** Ends every session of a user: "sign out everywhere", or an admin locking an account out. */
  async revokeAll(userId: string, actor: Actor): Promise<number> {
    const count = await this.#sessions.revokeSessions(userId, this.#now().toISOString());
    await this.#audit.record({
      actor,
      action: "staff.sessions_revoked",
      subject: { type: "staff_user", id: userId },
      details: { count },
    });
    return count;
  }

  /** How many sessions and invitation links are stored, and the oldest of each. */
  async inventory() {
    return {
      sessions: await this.#sessions.countAndOldest("staff_sessions"),
      invitations: await this.#sessions.countAndOldest("staff_invitations"),
    };
  }

  /** Deletes (or with `dryRun` counts) sessions and invitations that ended before `cutoff`. */
  async purgeEnded(
    cutoff: string,
    dryRun: boolean,
  ): Promise<{ sessions: number; invitations: number }> {
    return this.#sessions.purgeEnded(cutoff, dryRun);
  }

  #identity(row: SessionRow, role: StaffRole): StaffIdentity {
    return {
      userId: row.user_id,
      role,
      sessionId: row.id,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
    };
  }
}

export const actorOf = (identity: StaffIdentity | undefined): Actor =>
  identity ? { id: identity.userId, role: identity.role } : { id: null, role: "anonymous" };
