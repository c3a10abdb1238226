import type { StaffRole } from "@aviso/core";
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import { AppError, invalid, notFound } from "../../errors.ts";
import type { AuditService } from "../audit/audit.service.ts";
import type { PasskeysRepository } from "./passkeys.repository.ts";
import type { StaffIdentity } from "./sessions.service.ts";
import type { UsersRepository } from "./users.repository.ts";
import { EMAIL_CONTEXT } from "./users.service.ts";

const CHALLENGE_MS = 5 * 60_000;

export interface PasskeySummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const failed = () =>
  new AppError(
    "unauthenticated",
    "PASSKEY_FAILED",
    "That passkey could not sign you in. Try again, or use your password and code.",
  );

/**
 * WebAuthn passkeys: the phishing-resistant way in. Registration happens while signed in;
 * sign-in with a passkey that verified the person (PIN or biometric) is two factors in one.
 * Each challenge is stored and deleted on use, so a response can never be replayed.
 */
export class PasskeysService {
  readonly #passkeys: PasskeysRepository;
  readonly #users: UsersRepository;
  readonly #crypto: FieldCrypto;
  readonly #audit: AuditService;
  readonly #rpName: string;
  readonly #rpID: string;
  readonly #origin: string;
  readonly #now: () => Date;
  constructor(
    passkeys: PasskeysRepository,
    users: UsersRepository,
    crypto: FieldCrypto,
    audit: AuditService,
    options: { publicUrl: string; orgName: string; now?: () => Date },
  ) {
    this.#passkeys = passkeys;
    this.#users = users;
    this.#crypto = crypto;
    this.#audit = audit;
    this.#rpName = options.orgName;
    const url = new URL(options.publicUrl);
    this.#rpID = url.hostname;
    this.#origin = url.origin;
    this.#now = options.now ?? (() => new Date());
  }

  #expires() {
    return new Date(this.#now().getTime() + CHALLENGE_MS).toISOString();
  }

  async registrationOptions(identity: StaffIdentity) {
    const user = await this.#users.findById(identity.userId);
    if (!user) throw notFound("USER_NOT_FOUND", "No such account");
    const existing = await this.#passkeys.listForUser(identity.userId);
    const options = await generateRegistrationOptions({
      rpName: this.#rpName,
      rpID: this.#rpID,
      userName: this.#crypto.decrypt(user.email_enc, EMAIL_CONTEXT),
      userID: new TextEncoder().encode(user.id),
      attestationType: "none",
      excludeCredentials: existing.map((key) => ({
        id: key.id,
        transports: JSON.parse(key.transports) as string[],
      })),
      authenticatorSelection: { residentKey: "required", userVerification: "required" },
    });
    await this.#passkeys.insertChallenge(
      options.challenge,
      "register",
      identity.userId,
      this.#expires(),
    );
    return options;
  }

  async register(
    identity: StaffIdentity,
    response: RegistrationResponseJSON,
    name: string,
  ): Promise<PasskeySummary> {
    const now = this.#now().toISOString();
    let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: (challenge) =>
          this.#passkeys.takeChallenge(challenge, "register", identity.userId, now),
        expectedOrigin: this.#origin,
        expectedRPID: this.#rpID,
        requireUserVerification: true,
      });
    } catch (error) {
      throw invalid(
        "PASSKEY_NOT_REGISTERED",
        `The passkey could not be added: ${(error as Error).message}`,
      );
    }
    if (!verification.verified)
      throw invalid("PASSKEY_NOT_REGISTERED", "The passkey could not be added");
    const { credential } = verification.registrationInfo;
    await this.#passkeys.insert({
      id: credential.id,
      user_id: identity.userId,
      public_key: Buffer.from(credential.publicKey).toString("base64url"),
      counter: credential.counter,
      transports: JSON.stringify(credential.transports ?? []),
      name,
      created_at: now,
      last_used_at: null,
    });
    await this.#audit.record({
      actor: { id: identity.userId, role: identity.role },
      action: "staff.passkey_added",
      subject: { type: "staff_passkey", id: credential.id },
    });
    return { id: credential.id, name, createdAt: now, lastUsedAt: null };
  }

  async list(identity: StaffIdentity): Promise<PasskeySummary[]> {
    return (await this.#passkeys.listForUser(identity.userId)).map((key) => ({
      id: key.id,
      name: key.name,
      createdAt: key.created_at,
      lastUsedAt: key.last_used_at,
    }));
  }

  async remove(identity: StaffIdentity, id: string): Promise<void> {
    if (!(await this.#passkeys.remove(identity.userId, id)))
      throw notFound("PASSKEY_NOT_FOUND", "No such passkey on this account");
    await this.#audit.record({
      actor: { id: identity.userId, role: identity.role },
      action: "staff.passkey_removed",
      subject: { type: "staff_passkey", id },
    });
  }

  async signInOptions() {
    const options = await generateAuthenticationOptions({
      rpID: this.#rpID,
      userVerification: "required",
    });
    await this.#passkeys.insertChallenge(options.challenge, "sign_in", null, this.#expires());
    return options;
  }

  async signIn(response: AuthenticationResponseJSON): Promise<{ userId: string; role: StaffRole }> {
    const now = this.#now();
    const key = await this.#passkeys.find(response.id);
    const user = key ? await this.#users.findById(key.user_id) : undefined;
    const refuse = async (why: string) => {
      await this.#audit.record({
        actor: { id: null, role: "anonymous" },
        action: "staff.sign_in_failed",
        ...(user ? { subject: { type: "staff_user", id: user.id } } : {}),
        details: { why, method: "passkey" },
      });
      return failed();
    };
    if (!key || user?.status !== "active") throw await refuse("unknown_passkey");
    if (user.locked_until && user.locked_until > now.toISOString()) throw await refuse("locked");
    let verified = false;
    let newCounter = key.counter;
    try {
      const result = await verifyAuthenticationResponse({
        response,
        expectedChallenge: (challenge) =>
          this.#passkeys.takeChallenge(challenge, "sign_in", null, now.toISOString()),
        expectedOrigin: this.#origin,
        expectedRPID: this.#rpID,
        requireUserVerification: true,
        credential: {
          id: key.id,
          publicKey: Buffer.from(key.public_key, "base64url"),
          counter: key.counter,
          transports: JSON.parse(key.transports) as string[],
        },
      });
      verified = result.verified;
      newCounter = result.authenticationInfo.newCounter;
    } catch {
      verified = false;
    }
    if (!verified) throw await refuse("passkey_invalid");
    await this.#passkeys.recordUse(key.id, newCounter, now.toISOString());
    await this.#users.update(user.id, { failed_sign_ins: 0, locked_until: null });
    await this.#audit.record({
      actor: { id: user.id, role: user.role },
      action: "staff.sign_in",
      subject: { type: "staff_user", id: user.id },
      details: { method: "passkey" },
    });
    return { userId: user.id, role: user.role as StaffRole };
  }
}
