import { DRAFT_KEYWORDS } from "./sms-messages.drafts.ts";

/**
 * The words people text, by what they mean and the language they imply. STOP words follow the
 * FCC's 2024 order (stop, quit, end, revoke, opt out, cancel, unsubscribe) plus equivalents in
 * Aviso's languages; any of them opts out at once.
 */
/** RIGHTS and its equivalents are answered by the rights library itself (rightsSmsAnswer). */
export type SmsIntent = "join" | "confirm" | "stop" | "start" | "help" | "report";

const WORDS: Record<SmsIntent, Record<string, string[]>> = {
  join: {
    en: ["JOIN", "SUBSCRIBE"],
    es: ["ALTA", "UNIRSE", "SUSCRIBIR"],
    pl: ["DOLACZ", "DOŁĄCZ"],
    fr: ["INSCRIRE", "REJOINDRE"],
    ht: ["ENSKRI"],
    tl: ["SUMALI"],
    uk: ["ПІДПИСКА"],
  },
  confirm: {
    en: ["YES", "Y"],
    es: ["SI", "SÍ"],
    pl: ["TAK"],
    fr: ["OUI"],
    ht: ["WI"],
    tl: ["OO"],
    uk: ["ТАК"],
  },
  stop: {
    en: ["STOP", "STOPALL", "QUIT", "END", "REVOKE", "OPT OUT", "OPTOUT", "CANCEL", "UNSUBSCRIBE"],
    es: ["BAJA", "PARAR", "ALTO", "DETENER", "CANCELAR"],
    pl: ["STOP", "KONIEC"],
    fr: ["ARRET", "ARRÊT", "DESINSCRIRE"],
    ht: ["RETIRE", "KANPE"],
    tl: ["TIGIL", "HINTO"],
    uk: ["СТОП"],
    ar: ["توقف", "إيقاف"],
    ur: ["بند"],
    hi: ["बंद"],
    ko: ["중지"],
    "zh-Hans": ["停止", "退订"],
    "zh-Hant": ["停止", "退訂"],
  },
  start: { en: ["START", "UNSTOP"], es: ["INICIAR", "COMENZAR"], fr: ["DEMARRER"] },
  report: { en: ["REPORT"], es: ["REPORTE", "REPORTAR"] },
  help: {
    en: ["HELP", "INFO"],
    es: ["AYUDA"],
    pl: ["POMOC"],
    fr: ["AIDE"],
    ht: ["ED", "ÈD"],
    tl: ["TULONG"],
    uk: ["ДОПОМОГА"],
  },
};

export interface ParsedSms {
  intent: SmsIntent | "unknown";
  /** The language the keyword implies, when it implies one (JOIN → en, ALTA → es). */
  lang: string | undefined;
  /** What follows the keyword: a ZIP code or area name for JOIN. */
  rest: string;
}

// The other languages' words are machine-drafted (sms-messages.drafts.ts) and join the table here.
for (const [intent, byLang] of Object.entries(DRAFT_KEYWORDS) as [
  Exclude<SmsIntent, "stop">,
  Record<string, string[]>,
][]) {
  for (const [lang, words] of Object.entries(byLang)) {
    WORDS[intent][lang] = [...new Set([...(WORDS[intent][lang] ?? []), ...words])];
  }
}

/** Every keyword with its intent and language (for tests and the HELP page). */
export const KEYWORDS = (): { intent: SmsIntent; lang: string; word: string }[] =>
  (Object.entries(WORDS) as [SmsIntent, Record<string, string[]>][]).flatMap(([intent, byLang]) =>
    Object.entries(byLang).flatMap(([lang, words]) =>
      words.map((word) => ({ intent, lang, word })),
    ),
  );

const normalise = (text: string) => text.trim().replace(/\s+/g, " ").toUpperCase();

const ENTRIES = KEYWORDS().sort((a, b) => b.word.length - a.word.length);

/** Reads an inbound text as one of the keywords (longest first), with what follows it. */
export function parseSms(body: string): ParsedSms {
  const text = normalise(body);
  for (const { intent, lang, word } of ENTRIES) {
    if (text === word || text.startsWith(`${word} `))
      return { intent, lang, rest: text.slice(word.length).trim() };
  }
  return { intent: "unknown", lang: undefined, rest: text };
}
