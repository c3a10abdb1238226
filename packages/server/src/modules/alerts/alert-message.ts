import { alertTemplates, fillTemplate } from "@aviso/core";

/** The text of an alert for a language: that language's, else English, else the first one. */
export function alertText(
  texts: Record<string, string>,
  lang: string,
): { lang: string; text: string } {
  if (texts[lang]) return { lang, text: texts[lang] };
  if (texts.en) return { lang: "en", text: texts.en };
  const [first = "en", text = ""] = Object.entries(texts)[0] ?? [];
  return { lang: first, text };
}

/** The SMS for one subscriber: the alert's text and the footer with its verification code. */
export function alertSms(
  texts: Record<string, string>,
  lang: string,
  code: string,
  publicUrl: string,
): string {
  const chosen = alertText(texts, lang);
  const footer = fillTemplate(alertTemplates(chosen.lang).footer, {
    code,
    url: `${publicUrl.replace(/^https?:\/\//, "")}/now`,
  });
  return `${chosen.text.trim()}\n${footer}`;
}
