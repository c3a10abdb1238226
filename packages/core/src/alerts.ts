import { ALERT_TEMPLATE_DRAFTS } from "./alert-templates.drafts.ts";
import type { SmsEncoding } from "./sms.ts";

/** What an alert says about the world. Each kind has a template per language. */
export const ALERT_KINDS = [
  "activity_confirmed",
  "activity_unconfirmed",
  "rumor_false",
  "all_clear",
  "retraction",
  "announcement",
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * An alert's lifecycle: composed and waiting for a second person, approved and signed (then
 * sending until every delivery is done), cancelled mid-send, or expired.
 */
export const ALERT_STATUSES = [
  "pending_approval",
  "sending",
  "sent",
  "cancelled",
  "rejected",
] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/**
 * The words of alerts in one language. `{area}`, `{window}` and `{hotline}` are filled in by
 * the composer; `footer` is added to every SMS with the verification `{code}` and the `{url}`
 * of the public page where it can be checked.
 */
export interface AlertTemplates {
  kinds: Record<AlertKind, string>;
  footer: string;
}

/** English, written from kyr-facts.md in our own words; the source of the drafts. */
export const ALERT_TEMPLATES_EN: AlertTemplates = {
  kinds: {
    activity_confirmed:
      "CONFIRMED: immigration agents in {area}, {window}. Do not open the door. Stay silent. Do not sign. Help: {hotline}",
    activity_unconfirmed:
      "NOT YET CONFIRMED: a report of immigration agents in {area}, {window}. We are checking. Please do not share yet. Help: {hotline}",
    rumor_false:
      "FALSE: the report of immigration agents in {area}, {window}, was checked and is not true. Please do not share it. Help: {hotline}",
    all_clear:
      "ALL CLEAR: the activity in {area} has ended. Know your rights, always. Help: {hotline}",
    retraction:
      "CORRECTION: our earlier alert about {area} was wrong. Please ignore it and do not share it. Help: {hotline}",
    announcement: "{area}: ",
  },
  footer: "Check code {code} at {url} - STOP to end",
};

/** The templates for a language: reviewed or machine-drafted, else English. */
export function alertTemplates(lang: string): AlertTemplates {
  return lang === "en" ? ALERT_TEMPLATES_EN : (ALERT_TEMPLATE_DRAFTS[lang] ?? ALERT_TEMPLATES_EN);
}

/**
 * Fills `{name}` placeholders; unknown ones stay as they are. A value left empty (no time
 * window given) takes its comma or brackets with it, so no ", ." is left in the text.
 */
export function fillTemplate(text: string, values: Record<string, string>): string {
  return text.replace(/\s*[,，、]?\s*[(（]?\{(\w+)\}[)）]?/g, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) return whole;
    if (value.trim() === "") return "";
    return whole.replace(`{${key}}`, value);
  });
}

/**
 * An alert's SMS in one language: its text, then that language's footer with the verification
 * code and where to check it (`host` without the scheme). The sender and the console's live
 * segment count both build it here, so what staff count is what goes out.
 */
export function alertSmsBody(text: string, lang: string, code: string, host: string): string {
  return `${text.trim()}\n${fillTemplate(alertTemplates(lang).footer, { code, url: `${host}/now` })}`;
}

/** An alert as staff see it (`GET /api/alerts/:id`). */
export interface AlertView {
  id: string;
  kind: string;
  status: string;
  areaIds: string[];
  areaNames: string[];
  texts: Record<string, string>;
  retractsId: string | null;
  composedBy: string;
  /** The composer's name ("former staff" once their account is gone). */
  composedByName: string;
  approvedBy: string | null;
  approvedByName: string | null;
  createdAt: string;
  approvedAt: string | null;
  expiresAt: string;
  signature: string | null;
  verificationCode: string | null;
  fanoutDone: boolean;
  progress: Record<string, number>;
}

/** Who an alert would reach, in how many SMS segments, how fast and at what cost. */
export interface AlertEstimate {
  recipients: { channel: string; n: number }[];
  /** Per language: `n` SMS recipients, each costing `segments`. */
  languages: { lang: string; n: number; encoding: SmsEncoding; segments: number }[];
  total: number;
  segments: number;
  seconds: number;
  cost: number;
}

/** One delivery's receipt for the console; the number masked. */
export interface DeliveryReceipt {
  to: string;
  channel: string;
  language: string;
  rank: number;
  status: string;
  attempts: number;
  providerId: string | null;
  error: string | null;
  sentAt: string | null;
  updatedAt: string;
}
