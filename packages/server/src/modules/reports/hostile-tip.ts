/**
 * Screens a report's text for what looks like a tip against a person rather than a sighting of
 * enforcement activity: someone's immigration status, a request to report or deport someone,
 * or a person's name next to an address. It only flags; an operator decides, and can discard
 * the personal details in one action. Patterns cover English and Spanish, the hotline's two
 * most common languages; other languages reach an operator unflagged.
 */

export const TIP_FLAGS = [
  "mentions-immigration-status",
  "asks-to-report-a-person",
  "names-a-person-with-an-address",
] as const;
export type TipFlag = (typeof TIP_FLAGS)[number];

const STATUS =
  /\b(undocumented|illegals?|illegal (alien|immigrant)s?|no papers|without papers|overstay(ed|ing)?|expired visa|sin papeles|no tiene papeles|indocumentad[oa]s?|ilegal(es)?|mojad[oa]s?|visa vencida)\b/iu;

const REPORT_PERSON =
  /\b((report|deport|turn in|call (ice|immigration) on)\s+((my|her|his|their|our|this|that|the)\s+\p{L}+|him|her|them)\b|(reportar|denunciar|deportar|entregar)\s+a\s+(mi|su|sus|este|esta|ese|esa|la|el|los|las)\b|(deport[áa]|denuncia|reporta)(lo|la|los|las)\b|lives? at|vive en)/iu;

const ADDRESS =
  /\b\d{1,5}\s+(?:[NSEW]\.?\s+)?(?:[\p{L}\d.'-]+\s+){0,3}(?:st|street|ave|avenue|blvd|boulevard|rd|road|dr|drive|ct|court|pl|place|pkwy|parkway|ln|lane|way|ter|terrace)\b|\b(?:apt|apartment|unit|depto|departamento)\.?\s*#?\s*\d+\b|\bcalle\s+\p{Lu}/iu;

/** Two or three capitalised words that are not a street, a place or an agency. */
const PERSON_NAME =
  /\b(?!(?:Avenue|Street|Road|Home|Depot|Police|Chicago|Border|Patrol|Homeland|Security|Immigration|Customs|Enforcement|Federal|United|States|North|South|East|West|Park|Lake)\b)\p{Lu}\p{Ll}+\s+(?!(?:Ave|Avenue|St|Street|Road|Rd|Blvd|Dr|Park|Depot|Station|School|Church|Market|Patrol|Police)\b)\p{Lu}\p{Ll}+\b/u;

/** The flags a report's text raises; empty for an ordinary sighting. */
export function screenReportText(text: string): TipFlag[] {
  const flags: TipFlag[] = [];
  if (STATUS.test(text)) flags.push("mentions-immigration-status");
  if (REPORT_PERSON.test(text)) flags.push("asks-to-report-a-person");
  if (ADDRESS.test(text) && PERSON_NAME.test(text)) flags.push("names-a-person-with-an-address");
  return flags;
}
