import type { StaffRole } from "@aviso/core";
import { z } from "zod";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import { verifyDummyPassword, verifyPassword } from "../../crypto/passwords.ts";
import { AppError } from "../../errors.ts";
import type { AuditService } from "../audit/audit.service.ts";
import { matchTotp } from "./totp.ts";
import type { StaffUserRow, UsersRepository } from "./users.repository.ts";
import { EMAIL_CONTEXT, hashRecoveryCode, normaliseEmail, TOTP_CONTEXT } from "./users.service.ts";

export const SignInRequest = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
  /** A 6-digit authenticator code, or a recovery code (XXXXX-XXXXX). */
  code: z.string().trim().min(6).max(20),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

const FREE_ATTEMPTS = 5;
const MAX_LOCK_MINUTES = 60;

const failed = () =>
  new AppError(
    "unauthenticated",
    "SIGN_IN_FAILED",
    "The email, password or code is not right. Check them and try again.",
  );

/**
 * Password plus second factor, every time. After five failures in a row an account locks for
 * 1, 2, 4 … up to 60 minutes. The answer never says which part was wrong, and an unknown email
 * costs the same time as a known one.
 */
export class SignInService {
  readonly #users: UsersRepository;
  readonly #crypto: FieldCrypto;
  readonly #audit: AuditService;
  readonly #now: () => Date;
  constructor(
    users: UsersRepository,
    crypto: FieldCrypto,
    audit: AuditService,
    now: () => Date = () => new Date(),
  ) {
    this.#users = users;
    this.#crypto = crypto;
    this.#audit = audit;
    this.#now = now;
  }

  async signIn(request: SignInRequest): Promise<{ userId: string; role: StaffRole }> {
    const now = this.#now();
    const user = await this.#users.findByEmailIndex(
      this.#crypto.blindIndex(normaliseEmail(request.email), EMAIL_CONTEXT),
    );
    if (user?.status !== "active" || !user.password_hash || !user.totp_secret_enc) {
      await verifyDummyPassword(request.password);
      await this.#audit.record({
        actor: { id: null, role: "anonymous" },
        action: "staff.sign_in_failed",
        ...(user ? { subject: { type: "staff_user", id: user.id } } : {}),
        details: { why: user ? `account_${user.status}` : "unknown_account" },
      });
      throw failed();
    }
    if (user.locked_until && user.locked_until > now.toISOString()) {
      await this.#audit.record({
        actor: { id: null, role: "anonymous" },
        action: "staff.sign_in_refused",
        subject: { type: "staff_user", id: user.id },
        details: { why: "locked" },
      });
      const minutes = Math.ceil((new Date(user.locked_until).getTime() - now.getTime()) / 60_000);
      throw new AppError(
        "rate_limited",
        "ACCOUNT_LOCKED",
        `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
        { retryAfterMinutes: minutes },
      );
    }
    const why = (await verifyPassword(user.password_hash, request.password))
      ? await this.#checkSecondFactor(user, request.code, now)
      : "password";
    if (why) {
      const failures = user.failed_sign_ins + 1;
      const lockMinutes =
        failures >= FREE_ATTEMPTS ? Math.min(MAX_LOCK_MINUTES, 2 ** (failures - FREE_ATTEMPTS)) : 0;
      await this.#users.update(user.id, {
        failed_sign_ins: failures,
        locked_until: lockMinutes
          ? new Date(now.getTime() + lockMinutes * 60_000).toISOString()
          : null,
      });
      await this.#audit.record({
        actor: { id: null, role: "anonymous" },
        action: "staff.sign_in_failed",
        subject: { type: "staff_user", id: user.id },
        details: { why, failures },
      });
      throw failed();
    }
    await this.#users.update(user.id, { failed_sign_ins: 0, locked_until: null });
    await this.#audit.record({
      actor: { id: user.id, role: user.role },
      action: "staff.sign_in",
      subject: { type: "staff_user", id: user.id },
    });
    return { userId: user.id, role: user.role as StaffRole };
  }

  /** Undefined when the code is good; otherwise why not (for the audit trail, never the answer). */
  async #checkSecondFactor(
    user: StaffUserRow,
    code: string,
    now: Date,
  ): Promise<string | undefined> {
    if (/^\d{6}$/.test(code)) {
      const secret = this.#crypto.decrypt(user.totp_secret_enc ?? "", TOTP_CONTEXT);
      const step = matchTotp(secret, code, now);
      if (step === undefined) return "totp_wrong";
      return (await this.#users.acceptTotpStep(user.id, step)) ? undefined : "totp_reused";
    }
    return (await this.#users.useRecoveryCode(user.id, hashRecoveryCode(code), now.toISOString()))
      ? undefined
      : "recovery_code_wrong";
  }
}
