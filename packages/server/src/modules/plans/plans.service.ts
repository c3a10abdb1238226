import { randomUUID } from "node:crypto";
import type { NewPlanShare, PlanEnvelope } from "@aviso/core";
import {
  hashToken,
  normalizeReadableCode,
  randomToken,
  readableCode,
  safeEqual,
} from "../../crypto/tokens.ts";
import { AppError, notFound } from "../../errors.ts";
import type { PlansRepository } from "./plans.repository.ts";

const CODE_GROUPS = [5, 5];
const DAY_MS = 86_400_000;

/**
 * Family plans, held as sealed envelopes the server cannot open. The owner proves ownership
 * with a token (only its hash is stored); anyone with the code can fetch the envelope, which
 * is useless without the passphrase, or, for a share, without the key in the link's fragment.
 */
export class PlansService {
  readonly #plans: PlansRepository;
  readonly #now: () => Date;
  constructor(plans: PlansRepository, now: () => Date = () => new Date()) {
    this.#plans = plans;
    this.#now = now;
  }

  async create(envelope: PlanEnvelope): Promise<{ id: string; code: string; ownerToken: string }> {
    const ownerToken = randomToken();
    const now = this.#now().toISOString();
    for (;;) {
      const code = readableCode(CODE_GROUPS);
      if (await this.#plans.findByCode(code)) continue;
      const id = randomUUID();
      await this.#plans.insert({
        id,
        code,
        envelope: JSON.stringify(envelope),
        owner_token_hash: hashToken(ownerToken),
        created_at: now,
        updated_at: now,
      });
      return { id, code, ownerToken };
    }
  }

  async get(
    code: string,
  ): Promise<{ id: string; code: string; envelope: PlanEnvelope; updatedAt: string }> {
    const plan = await this.#find(code);
    return {
      id: plan.id,
      code: plan.code,
      envelope: JSON.parse(plan.envelope) as PlanEnvelope,
      updatedAt: plan.updated_at,
    };
  }

  async replace(
    code: string,
    ownerToken: string | undefined,
    envelope: PlanEnvelope,
  ): Promise<{ updatedAt: string }> {
    const plan = await this.#owned(code, ownerToken);
    const now = this.#now().toISOString();
    await this.#plans.updateEnvelope(plan.id, JSON.stringify(envelope), now);
    return { updatedAt: now };
  }

  async delete(code: string, ownerToken: string | undefined): Promise<void> {
    const plan = await this.#owned(code, ownerToken);
    await this.#plans.delete(plan.id);
  }

  async share(
    code: string,
    ownerToken: string | undefined,
    input: NewPlanShare,
  ): Promise<{ id: string; expiresAt: string }> {
    const plan = await this.#owned(code, ownerToken);
    const now = this.#now();
    const share = {
      id: randomToken(12),
      plan_id: plan.id,
      wrapped_key: input.wrappedKey,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + input.expiresInDays * DAY_MS).toISOString(),
    };
    await this.#plans.insertShare(share);
    return { id: share.id, expiresAt: share.expires_at };
  }

  async shares(
    code: string,
    ownerToken: string | undefined,
  ): Promise<{ id: string; createdAt: string; expiresAt: string }[]> {
    const plan = await this.#owned(code, ownerToken);
    return (await this.#plans.shares(plan.id)).map((share) => ({
      id: share.id,
      createdAt: share.created_at,
      expiresAt: share.expires_at,
    }));
  }

  /** A share's sealed key, while it has not expired or been taken back. */
  async openShare(code: string, id: string): Promise<{ wrappedKey: string; expiresAt: string }> {
    const plan = await this.#find(code);
    const share = await this.#plans.findShare(plan.id, id);
    if (!share || share.expires_at <= this.#now().toISOString())
      throw notFound(
        "SHARE_ENDED",
        "This link no longer works: it expired or the owner took it back.",
      );
    return { wrappedKey: share.wrapped_key, expiresAt: share.expires_at };
  }

  async revokeShare(code: string, ownerToken: string | undefined, id: string): Promise<void> {
    const plan = await this.#owned(code, ownerToken);
    if (!(await this.#plans.deleteShare(plan.id, id)))
      throw notFound("SHARE_NOT_FOUND", "No share of this plan has that id.");
  }

  async inventory() {
    return {
      plans: await this.#plans.countAndOldest("plans"),
      shares: await this.#plans.countAndOldest("plan_shares"),
    };
  }

  async purgeExpiredShares(dryRun: boolean): Promise<number> {
    return this.#plans.purgeExpiredShares(this.#now().toISOString(), dryRun);
  }

  async #find(code: string) {
    const normal = normalizeReadableCode(code, CODE_GROUPS);
    const plan = normal ? await this.#plans.findByCode(normal) : undefined;
    if (!plan)
      throw notFound("PLAN_NOT_FOUND", "No plan has that code. Check the code, or it was deleted.");
    return plan;
  }

  async #owned(code: string, ownerToken: string | undefined) {
    const plan = await this.#find(code);
    if (!ownerToken || !safeEqual(hashToken(ownerToken), plan.owner_token_hash))
      throw new AppError(
        "forbidden",
        "OWNER_TOKEN_INVALID",
        "Only the plan's owner can do this: the owner token is missing or wrong.",
      );
    return plan;
  }
}
