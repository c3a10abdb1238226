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

/** Reads a phone number as typed or as Twilio sends it (US default); undefined if it is not one. */
export function readSubscriberPhone(
  text: string,
  crypto: FieldCrypto,
  countries: string[],
): SubscriberPhone | undefined {
  const phone = parsePhoneNumberFromString(text, "US");
  if (!phone?.isValid()) return undefined;
  return {
    e164: phone.number,
    index: crypto.blindIndex(phone.number, CONTACT_CONTEXT),
    isAllowedCountry: phone.country !== undefined && countries.includes(phone.country),
  };
}
