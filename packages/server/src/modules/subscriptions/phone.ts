import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";

/** The blind-index and encryption context of a subscriber's contact. */
export const CONTACT_CONTEXT = "subscribers.contact";

export interface SubscriberPhone {
  /** E.164, the only form Aviso stores (encrypted) or sends to. */
  e164: string;
  /** Keyed blind index: how the number is found without being stored in the clear. */
  index: string;
  /** Whether the number's country is on the allowed list (SMS pumping defense). */
  isAllowedCountry: boolean;
}

/**
 * Reads a phone number as typed or as Twilio sends it (US default) into E.164 and whether its
 * country is allowed; undefined if it is not a valid number.
 */
export function readPhone(
  text: string,
  countries: string[],
): { e164: string; isAllowedCountry: boolean } | undefined {
  const phone = parsePhoneNumberFromString(text, "US");
  if (!phone?.isValid()) return undefined;
  return {
    e164: phone.number,
    isAllowedCountry: phone.country !== undefined && countries.includes(phone.country),
  };
}

/** A subscriber's number: {@link readPhone} plus the blind index it is found by. */
export function readSubscriberPhone(
  text: string,
  crypto: FieldCrypto,
  countries: string[],
): SubscriberPhone | undefined {
  const phone = readPhone(text, countries);
  return phone && { ...phone, index: crypto.blindIndex(phone.e164, CONTACT_CONTEXT) };
}
