/**
 * SMS segment arithmetic. A message in the GSM-7 alphabet fits 160 characters in one segment
 * (153 per part when split; the extension characters count twice). Any other character makes
 * the whole message UCS-2: 70 in one segment, 67 per part, counted in UTF-16 code units.
 */

const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENSION = "^{}\\[~]|€\f";

const basic = new Set(GSM7_BASIC);
const extension = new Set(GSM7_EXTENSION);

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SmsSegments {
  encoding: SmsEncoding;
  /** Characters as the network counts them (septets for GSM-7, UTF-16 units for UCS-2). */
  units: number;
  segments: number;
  /** Characters left in the last segment before another one is needed. */
  remaining: number;
  /** For UCS-2 messages: the characters that forced it, so an editor can replace them. */
  nonGsmCharacters: string[];
}

/** How many segments a text costs, and why. */
export function countSmsSegments(text: string): SmsSegments {
  const nonGsm = new Set<string>();
  let septets = 0;
  for (const char of text) {
    if (basic.has(char)) septets += 1;
    else if (extension.has(char)) septets += 2;
    else nonGsm.add(char);
  }
  if (nonGsm.size === 0) {
    const segments = septets <= 160 ? 1 : Math.ceil(septets / 153);
    const capacity = segments === 1 ? 160 : segments * 153;
    return {
      encoding: "GSM-7",
      units: septets,
      segments,
      remaining: capacity - septets,
      nonGsmCharacters: [],
    };
  }
  const units = text.length; // UTF-16 code units, as UCS-2/UTF-16 SMS counts them
  const segments = units <= 70 ? 1 : Math.ceil(units / 67);
  const capacity = segments === 1 ? 70 : segments * 67;
  return {
    encoding: "UCS-2",
    units,
    segments,
    remaining: capacity - units,
    nonGsmCharacters: [...nonGsm],
  };
}
