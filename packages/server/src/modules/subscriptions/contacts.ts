import { z } from "zod";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import { invalid } from "../../errors.ts";
import { CONTACT_CONTEXT, readSubscriberPhone } from "./phone.ts";

export const CHANNELS = ["sms", "email", "push"] as const;
export type SubscriberChannel = (typeof CHANNELS)[number];

/** A browser's push subscription, as `PushSubscription.toJSON()` gives it. */
const PushSubscriptionJson = z.object({
  endpoint: z
    .url()
    .max(1000)
    .refine((url) => url.startsWith("https://"), "a push endpoint must be https"),
  keys: z.object({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, "p256dh must be a base64url P-256 key"),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}$/, "auth must be a base64url secret"),
  }),
});

export interface SubscriberContact {
  channel: SubscriberChannel;
  /** The normalized contact that is sealed: E.164, a lower-case address, or the push JSON. */
  value: string;
  /** Keyed blind index: how the contact is found without storing it in the clear. */
  index: string;
  /** SMS: the number's country is allowed (SMS pumping defense); always true otherwise. */
  isAllowedCountry: boolean;
  /** How the person proves the contact is theirs: a texted code, an emailed link, or the browser's own permission prompt. */
  confirmBy: "code" | "link" | "none";
}

/** Reads a contact of a channel, or throws an error naming what is wrong with it. */
export function readContact(
  channel: SubscriberChannel,
  text: string,
  crypto: FieldCrypto,
  countries: string[],
): SubscriberContact {
  if (channel === "sms") {
    const phone = readSubscriberPhone(text, crypto, countries);
    if (!phone)
      throw invalid(
        "CONTACT_INVALID",
        "That is not a phone number we can text. Write it like 312-555-0123.",
        { field: "contact" },
      );
    return {
      channel,
      value: phone.e164,
      index: phone.index,
      isAllowedCountry: phone.isAllowedCountry,
      confirmBy: "code",
    };
  }
  if (channel === "email") {
    const email = z.email().safeParse(text.trim().toLowerCase());
    if (!email.success)
      throw invalid("CONTACT_INVALID", "That is not an email address.", { field: "contact" });
    return {
      channel,
      value: email.data,
      index: crypto.blindIndex(`email:${email.data}`, CONTACT_CONTEXT),
      isAllowedCountry: true,
      confirmBy: "link",
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const push = PushSubscriptionJson.safeParse(parsed);
  if (!push.success)
    throw invalid(
      "CONTACT_INVALID",
      `That is not a browser push subscription: ${push.error.issues.map((i) => `${i.path.join(".") || "contact"}: ${i.message}`).join("; ")}`,
      { field: "contact" },
    );
  const value = JSON.stringify({ endpoint: push.data.endpoint, keys: push.data.keys });
  return {
    channel,
    value,
    index: crypto.blindIndex(`push:${push.data.endpoint}`, CONTACT_CONTEXT),
    isAllowedCountry: true,
    confirmBy: "none",
  };
}

/** The keyed token in an unsubscribe link: proves the link was made here, for this subscriber. */
export const unsubscribeToken = (crypto: FieldCrypto, subscriberId: string) =>
  crypto.blindIndex(subscriberId, "subscribers.unsubscribe");

/** The one-click unsubscribe link in every email (RFC 8058). */
export const unsubscribeUrl = (crypto: FieldCrypto, publicUrl: string, subscriberId: string) =>
  `${publicUrl}/api/subscriptions/unsubscribe?s=${encodeURIComponent(subscriberId)}&t=${unsubscribeToken(crypto, subscriberId)}`;

/** The headers that let a mail client offer one-click unsubscribe (RFC 8058). */
export const unsubscribeHeaders = (url: string): Record<string, string> => ({
  "List-Unsubscribe": `<${url}>`,
  "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
});
