import { createHash, randomBytes, randomUUID } from "node:crypto";
import { StaffRole } from "@aviso/core";
import QRCode from "qrcode";
import { z } from "zod";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import { hashPassword, verifyPassword } from "../../crypto/passwords.ts";
import { hashToken, randomToken } from "../../crypto/tokens.ts";
import { AppError, conflict, invalid, notFound } from "../../errors.ts";
import type { Actor, AuditService } from "../audit/audit.service.ts";
import type { SessionsRepository } from "./sessions.repository.ts";
import { base32Encode, matchTotp, newTotpSecret, otpauthUri } from "./totp.ts";
import type { StaffUserRow, UsersRepository } from "./users.repository.ts";

export const NewStaffUser = z.object({
  email: z.email({ message: "must be an email address" }).max(254),
  name: z.string().trim().min(1, "must not be empty").max(120),
  role: StaffRole,
});
export type NewStaffUser = z.infer<typeof NewStaffUser>;

export const Password = z.string().min(12, "must be at least 12 characters").max(256);

export type StaffStatus = "invited" | "active" | "disabled";

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  status: StaffStatus;
  createdAt: string;
}

export interface Invitation {
  link: string;
  expiresAt: string;
}

export const EMAIL_CONTEXT = "staff_users.email";
const NAME_CONTEXT = "staff_users.name";
export const TOTP_CONTEXT = "staff_users.totp_secret";
const RECOVERY_CODES = 10;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
/** Recovery codes have 50 bits of entropy each, so a fast hash is enough to store them. */
export const hashRecoveryCode = (code: string) =>
  createHash("sha256")
    .update(code.replace(/[^A-Z2-7]/gi, "").toUpperCase())
    .digest("base64url");
const maskEmail = (email: string) => email.replace(/^(.)[^@]*(@.*)$/, "$1•••$2");

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, code: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({
    field: issue.path.join("."),
    message: issue.message,
  }));
  throw invalid(code, fields.map((f) => `${f.field}: ${f.message}`).join("; "), { fields });
}

export interface UsersServiceOptions {
  publicUrl: string;
  orgName: string;
  invitationHours: number;
  now?: () => Date;
}

/**
 * Staff accounts: invitation, enrolment (password + TOTP + recovery codes), listing. Email and
 * name are encrypted at rest; the email is found by blind index; every read of another
 * person's details is audited with a reason.
 */
export class UsersService {
  readonly #users: UsersRepository;
  readonly #links: SessionsRepository;
  readonly #crypto: FieldCrypto;
  readonly #audit: AuditService;
  readonly #options: UsersServiceOptions;
  readonly #now: () => Date;
  constructor(
    users: UsersRepository,
    links: SessionsRepository,
    crypto: FieldCrypto,
    audit: AuditService,
    options: UsersServiceOptions,
  ) {
    this.#users = users;
    this.#links = links;
    this.#crypto = crypto;
    this.#audit = audit;
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /** Creates an account in the `invited` state and an invitation link for it. */
  async addUser(
    input: unknown,
    actor: Actor,
  ): Promise<{ user: StaffUser; invitation: Invitation }> {
    const data = parseOrThrow(NewStaffUser, input, "USER_INVALID");
    const email = normaliseEmail(data.email);
    const emailIndex = this.#crypto.blindIndex(email, EMAIL_CONTEXT);
    if (await this.#users.findByEmailIndex(emailIndex)) {
      throw conflict("USER_EXISTS", "A staff account with this email already exists");
    }
    const row: StaffUserRow = {
      id: randomUUID(),
      role: data.role,
      status: "invited",
      email_enc: this.#crypto.encrypt(email, EMAIL_CONTEXT),
      email_index: emailIndex,
      name_enc: this.#crypto.encrypt(data.name, NAME_CONTEXT),
      created_at: this.#now().toISOString(),
      password_hash: null,
      totp_secret_enc: null,
      totp_last_step: 0,
      failed_sign_ins: 0,
      locked_until: null,
    };
    await this.#users.insert(row);
    await this.#audit.record({
      actor,
      action: "staff.created",
      subject: { type: "staff_user", id: row.id },
      details: { role: data.role },
    });
    return { user: this.#present(row), invitation: await this.invite(row.id, actor) };
  }

  /** A new one-time invitation link for an account; earlier links stop working. */
  async invite(userId: string, actor: Actor): Promise<Invitation> {
    const user = await this.#requireUser(userId);
    if (user.status === "disabled") throw invalid("USER_DISABLED", "This account is disabled");
    const now = this.#now();
    const token = randomToken();
    const expiresAt = new Date(
      now.getTime() + this.#options.invitationHours * 3_600_000,
    ).toISOString();
    await this.#links.closeInvitations(userId, now.toISOString());
    await this.#links.insertInvitation({
      id: randomUUID(),
      token_hash: hashToken(token),
      user_id: userId,
      created_by: actor.id,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
    });
    await this.#audit.record({
      actor,
      action: "staff.invited",
      subject: { type: "staff_user", id: userId },
    });
    // The token rides in the fragment: browsers never send it to a server or put it in a log.
    return { link: `${this.#options.publicUrl}/console/invite#${token}`, expiresAt };
  }

  async #openInvitation(token: string) {
    const invitation = await this.#links.findInvitationByTokenHash(hashToken(token));
    if (!invitation || invitation.used_at) {
      throw new AppError(
        "not_found",
        "INVITATION_NOT_FOUND",
        "This invitation link is not valid or was already used. Ask an admin for a new one.",
      );
    }
    if (invitation.expires_at <= this.#now().toISOString()) {
      throw invalid(
        "INVITATION_EXPIRED",
        "This invitation link has expired. Ask an admin for a new one.",
      );
    }
    const user = await this.#requireUser(invitation.user_id);
    if (user.status !== "invited")
      throw invalid("INVITATION_NOT_FOUND", "This account is not waiting for an invitation.");
    return { invitation, user };
  }

  /** What the invitation page shows: the account it is for, and a fresh TOTP secret to enrol. */
  async inspectInvitation(token: string) {
    const { invitation, user } = await this.#openInvitation(token);
    const email = this.#crypto.decrypt(user.email_enc, EMAIL_CONTEXT);
    const totpSecret = newTotpSecret();
    const uri = otpauthUri(totpSecret, email, this.#options.orgName);
    return {
      email: maskEmail(email),
      role: user.role as StaffRole,
      expiresAt: invitation.expires_at,
      totpSecret,
      otpauthUri: uri,
      qrSvg: await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" }),
    };
  }

  /**
   * Completes an invitation: the code proves the person's authenticator holds the secret.
   * Returns the user and their recovery codes (shown once, stored only as hashes).
   */
  async acceptInvitation(input: {
    token: string;
    password: string;
    totpSecret: string;
    code: string;
  }) {
    const { user } = await this.#openInvitation(input.token);
    const password = parseOrThrow(Password, input.password, "PASSWORD_INVALID");
    const now = this.#now();
    const step = matchTotp(input.totpSecret, input.code, now);
    if (step === undefined)
      throw invalid(
        "TOTP_CODE_WRONG",
        "That code does not match. Check the time on your phone and try the newest code.",
      );
    await this.#users.update(user.id, {
      status: "active",
      password_hash: await hashPassword(password),
      totp_secret_enc: this.#crypto.encrypt(input.totpSecret, TOTP_CONTEXT),
      totp_last_step: step,
    });
    await this.#links.closeInvitations(user.id, now.toISOString());
    const recoveryCodes = await this.#newRecoveryCodes(user.id);
    await this.#audit.record({
      actor: { id: user.id, role: user.role },
      action: "staff.enrolled",
      subject: { type: "staff_user", id: user.id },
    });
    return { user: this.#present({ ...user, status: "active" }), recoveryCodes };
  }

  async #newRecoveryCodes(userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODES }, () => {
      const raw = base32Encode(randomBytes(7)).slice(0, 10);
      return `${raw.slice(0, 5)}-${raw.slice(5)}`;
    });
    await this.#users.replaceRecoveryCodes(userId, codes.map(hashRecoveryCode));
    return codes;
  }

  /** New recovery codes (the old ones stop working), after the person re-enters their password. */
  async regenerateRecoveryCodes(
    actor: Actor & { id: string },
    password: string,
  ): Promise<string[]> {
    const user = await this.#requireUser(actor.id);
    if (!user.password_hash || !(await verifyPassword(user.password_hash, password))) {
      throw new AppError("forbidden", "PASSWORD_WRONG", "That password is not right.");
    }
    const codes = await this.#newRecoveryCodes(user.id);
    await this.#audit.record({
      actor,
      action: "staff.recovery_codes_replaced",
      subject: { type: "staff_user", id: user.id },
    });
    return codes;
  }

  /** Sets a password and TOTP secret directly: for the demo network and the CLI, never the API. */
  async setCredentials(userId: string, password: string, totpSecret: string): Promise<string[]> {
    await this.#users.update(userId, {
      status: "active",
      password_hash: await hashPassword(parseOrThrow(Password, password, "PASSWORD_INVALID")),
      totp_secret_enc: this.#crypto.encrypt(totpSecret, TOTP_CONTEXT),
      totp_last_step: 0,
    });
    await this.#links.closeInvitations(userId, this.#now().toISOString());
    return this.#newRecoveryCodes(userId);
  }

  async disableUser(userId: string, actor: Actor): Promise<void> {
    await this.#requireUser(userId);
    const now = this.#now().toISOString();
    await this.#users.update(userId, { status: "disabled" });
    const revoked = await this.#links.revokeSessions(userId, now);
    await this.#links.closeInvitations(userId, now);
    await this.#audit.record({
      actor,
      action: "staff.disabled",
      subject: { type: "staff_user", id: userId },
      details: { revokedSessions: revoked },
    });
  }

  /** Finds an account by email without presenting it (the CLI and the demo seed). */
  async findIdByEmail(email: string): Promise<string | undefined> {
    return (
      await this.#users.findByEmailIndex(
        this.#crypto.blindIndex(normaliseEmail(email), EMAIL_CONTEXT),
      )
    )?.id;
  }

  /** Everyone's details: an audited read of personal data, with the reason given. */
  async listUsers(actor: Actor, reason: string): Promise<StaffUser[]> {
    const rows = await this.#users.list();
    await this.#audit.record({
      actor,
      action: "staff.read",
      reason,
      subject: { type: "staff_user", id: "*" },
      details: { count: rows.length },
    });
    return rows.map((row) => this.#present(row));
  }

  /**
   * Colleagues' display names and roles, for timelines and dispatch (no emails). The caller's
   * own read (an incident, a queue) is the audited one.
   */
  async directory(): Promise<Map<string, { name: string; role: StaffRole; isActive: boolean }>> {
    const rows = await this.#users.list();
    return new Map(
      rows.map((row) => [
        row.id,
        {
          name: this.#crypto.decrypt(row.name_enc, NAME_CONTEXT),
          role: row.role as StaffRole,
          isActive: row.status === "active",
        },
      ]),
    );
  }

  /** The signed-in person's own account (their own data; not an audited read). */
  async getOwnAccount(userId: string): Promise<StaffUser> {
    return this.#present(await this.#requireUser(userId));
  }

  /** Accounts by status with the oldest of each, for the data inventory. */
  async countByStatus() {
    return this.#users.countByStatus();
  }

  async #requireUser(id: string): Promise<StaffUserRow> {
    const row = await this.#users.findById(id);
    if (!row) throw notFound("USER_NOT_FOUND", `No staff account has the id ${id}`);
    return row;
  }

  #present(row: StaffUserRow): StaffUser {
    return {
      id: row.id,
      email: this.#crypto.decrypt(row.email_enc, EMAIL_CONTEXT),
      name: this.#crypto.decrypt(row.name_enc, NAME_CONTEXT),
      role: row.role as StaffRole,
      status: row.status as StaffStatus,
      createdAt: row.created_at,
    };
  }
}
