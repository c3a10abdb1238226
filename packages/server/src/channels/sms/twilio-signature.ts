import { createHmac } from "node:crypto";
import { safeEqual } from "../../crypto/tokens.ts";

/**
 * Twilio's request signature: base64 HMAC-SHA1, keyed with the account's auth token, over the
 * full public URL followed by every POST parameter name and value, sorted by name.
 */
export function twilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, key) => text + key + params[key], url);
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

/** Whether a webhook request carries a valid signature for this URL and these parameters. */
export function isValidTwilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
  signature: string | undefined,
): boolean {
  return (
    typeof signature === "string" && safeEqual(twilioSignature(authToken, url, params), signature)
  );
}
