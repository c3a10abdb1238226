import type { RightsLibrary } from "./library.ts";

/** Keywords that ask for the rights summary, by the language of the answer. */
export const RIGHTS_KEYWORDS: Record<string, string[]> = {
  en: ["RIGHTS", "KYR"],
  es: ["DERECHOS"],
  pl: ["PRAWA"],
  "zh-Hant": ["權利"],
  "zh-Hans": ["权利"],
  ar: ["حقوق", "حقوقي"],
  ko: ["권리"],
  tl: ["KARAPATAN"],
  uk: ["ПРАВА"],
  hi: ["अधिकार"],
  ur: ["حقوق"],
  ht: ["DWA"],
  fr: ["DROITS"],
};

/** The article whose SMS version answers the keyword: what to do at the door, asked most. */
const ANSWER_SLUG = "at-the-door";

/**
 * The answer to an SMS asking for rights (`RIGHTS`, `DERECHOS`, …), or undefined when the text
 * is not such a keyword. The SMS module calls this; a language without the article yet is
 * answered in English.
 */
export function rightsSmsAnswer(
  text: string,
  library: RightsLibrary,
  publicUrl: string,
): { lang: string; body: string } | undefined {
  const word = text.trim().toUpperCase();
  const lang = Object.entries(RIGHTS_KEYWORDS).find(([, words]) =>
    words.some((w) => w.toUpperCase() === word),
  )?.[0];
  if (!lang) return undefined;
  const article =
    library.articles.find((a) => a.lang === lang && a.slug === ANSWER_SLUG) ??
    library.articles.find((a) => a.lang === "en" && a.slug === ANSWER_SLUG);
  if (!article) return undefined;
  return {
    lang: article.lang,
    body: article.meta.sms.replace("{link}", `${publicUrl}/rights/${article.lang}/`),
  };
}
