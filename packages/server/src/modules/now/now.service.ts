/**
 * One item on the public "what is true now" page: a verified alert or a rumor correction in
 * force, naming an area and a time window only. The alerts module will supply these.
 */
export interface PublicNotice {
  kind:
    | "activity_confirmed"
    | "activity_unconfirmed"
    | "rumor_false"
    | "all_clear"
    | "retraction"
    | "announcement";
  lang: string;
  text: string;
  areaNames: string[];
  validFrom: string;
  validUntil: string;
  /** The short code that also appears in the SMS, so a forged text can be checked here. */
  verificationCode: string;
  /** The Ed25519 signature of the alert (base64url), checkable with the published key. */
  signature?: string;
}

/** Where notices come from: the alerts module (tests may give their own). */
export type NoticeSource = (lang: string, now: Date) => Promise<PublicNotice[]>;

export const NO_NOTICES_YET: NoticeSource = async () => [];

/** What is true now, per language: the notices in force at this moment. */
export class NowService {
  readonly #source: NoticeSource;
  readonly #now: () => Date;
  constructor(source: NoticeSource = NO_NOTICES_YET, now: () => Date = () => new Date()) {
    this.#source = source;
    this.#now = now;
  }

  async inForce(lang: string): Promise<PublicNotice[]> {
    const now = this.#now();
    const notices = await this.#source(lang, now);
    return notices.filter(
      (n) => n.validFrom <= now.toISOString() && now.toISOString() < n.validUntil,
    );
  }
}
