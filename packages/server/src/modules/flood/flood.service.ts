import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import { AppError } from "../../errors.ts";
import type { Actor, AuditService } from "../audit/audit.service.ts";
import type { InstanceRepository } from "../instance/instance.repository.ts";
import { workBits } from "./proof-of-work.ts";

export const FloodMode = z.object({
  mode: z.enum(["off", "proof-of-work"]),
  /** Leading zero bits required: 16 is about a second on a cheap phone, each +1 doubles it. */
  difficulty: z.number().int().min(8).max(24),
});
export type FloodMode = z.infer<typeof FloodMode>;

const SETTING = "flood_mode";
const CHALLENGE_MS = 5 * 60_000;
const CACHE_MS = 5_000;
const OFF: FloodMode = { mode: "off", difficulty: 16 };

/**
 * The flood switch. During a flood of fake reports an admin turns on proof-of-work: every
 * guarded public form must then carry a solved challenge, which costs a person's phone a
 * second and a bot farm a great deal. Challenges are signed with a key outside the database,
 * expire after five minutes and are accepted once.
 */
export class FloodService {
  readonly #meta: InstanceRepository;
  readonly #crypto: FieldCrypto;
  readonly #audit: AuditService;
  readonly #now: () => Date;
  readonly #used = new Map<string, number>();
  #cached: { at: number; value: FloodMode } | undefined;
  constructor(
    meta: InstanceRepository,
    crypto: FieldCrypto,
    audit: AuditService,
    now: () => Date = () => new Date(),
  ) {
    this.#meta = meta;
    this.#crypto = crypto;
    this.#audit = audit;
    this.#now = now;
  }

  async mode(): Promise<FloodMode> {
    const now = this.#now().getTime();
    if (this.#cached && now - this.#cached.at < CACHE_MS) return this.#cached.value;
    const stored = await this.#meta.get(SETTING);
    const parsed = stored ? FloodMode.safeParse(JSON.parse(stored)) : undefined;
    const value = parsed?.success ? parsed.data : OFF;
    this.#cached = { at: now, value };
    return value;
  }

  async setMode(mode: FloodMode, actor: Actor): Promise<FloodMode> {
    await this.#meta.set(SETTING, JSON.stringify(mode));
    this.#cached = undefined;
    await this.#audit.record({
      actor,
      action: "flood.mode_set",
      details: { mode: mode.mode, difficulty: mode.difficulty },
    });
    return mode;
  }

  /** A fresh challenge (also when the switch is off, so a client can always ask). */
  async challenge(): Promise<FloodMode & { challenge: string; expiresAt: string }> {
    const mode = await this.mode();
    const expires = this.#now().getTime() + CHALLENGE_MS;
    const body = `${expires}.${randomBytes(12).toString("base64url")}`;
    return {
      ...mode,
      challenge: `${body}.${this.#crypto.mac(body, "flood.challenge").slice(0, 32)}`,
      expiresAt: new Date(expires).toISOString(),
    };
  }

  /** Lets a request through, or refuses it when the switch is on and its proof is missing or bad. */
  async check(proof: string | undefined): Promise<void> {
    const mode = await this.mode();
    if (mode.mode === "off") return;
    const refuse = (message: string) =>
      new AppError("rate_limited", "PROOF_OF_WORK_REQUIRED", message, {
        difficulty: mode.difficulty,
        challengeUrl: "/api/flood/challenge",
      });
    if (!proof)
      throw refuse(
        "We are receiving a flood of requests. Your browser must solve a short puzzle first; reload the page and try again.",
      );
    const [expires = "", random = "", mac = "", nonce = ""] = proof.split(".");
    const body = `${expires}.${random}`;
    const now = this.#now().getTime();
    if (mac !== this.#crypto.mac(body, "flood.challenge").slice(0, 32))
      throw refuse("The puzzle answer is not for a challenge we issued.");
    if (Number(expires) < now) throw refuse("The puzzle expired; try again.");
    if (this.#used.has(body)) throw refuse("That puzzle answer was already used; try again.");
    if (workBits(`${body}.${mac}`, nonce) < mode.difficulty)
      throw refuse("The puzzle answer is wrong; try again.");
    this.#used.set(body, Number(expires));
    for (const [key, until] of this.#used) if (until < now) this.#used.delete(key);
  }
}
