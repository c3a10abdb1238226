import { escapeHtml } from "@aviso/content";
import { alertSmsBody, alertTemplates, fillTemplate } from "@aviso/core";
import { unsubscribeHeaders } from "../subscriptions/contacts.ts";

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
  return alertSmsBody(chosen.text, chosen.lang, code, publicUrl.replace(/^https?:\/\//, ""));
}

/** An alert as an email: subject, plain text and HTML, and the one-click unsubscribe headers. */
export function alertEmail(
  texts: Record<string, string>,
  lang: string,
  code: string,
  publicUrl: string,
  unsubscribe: string,
  orgName: string,
): { subject: string; body: string; html: string; headers: Record<string, string> } {
  const chosen = alertText(texts, lang);
  const footer = fillTemplate(alertTemplates(chosen.lang).footer, {
    code,
    url: `${publicUrl}/now`,
  }).replace(/ ?[-·] ?STOP.*$/, "");
  const text = chosen.text.trim();
  const subject = text.length <= 90 ? text : `${text.slice(0, 88).replace(/\s+\S*$/, "")}…`;
  return {
    subject: `${orgName}: ${subject}`,
    body: `${text}\n\n${footer}\n\nUnsubscribe: ${unsubscribe}`,
    html: `<!doctype html><html lang="${escapeHtml(chosen.lang)}"><body><p style="font-size:18px">${escapeHtml(text)}</p><p>${escapeHtml(footer)}</p><p><a href="${escapeHtml(unsubscribe)}">Unsubscribe</a></p></body></html>`,
    headers: unsubscribeHeaders(unsubscribe),
  };
}

/** An alert as a web push notification: a title, the text with its code, the page to open. */
export function alertPush(
  texts: Record<string, string>,
  lang: string,
  code: string,
  orgName: string,
): { subject: string; body: string; url: string } {
  const chosen = alertText(texts, lang);
  return { subject: orgName, body: `${chosen.text.trim()} (${code})`, url: `/now/${chosen.lang}/` };
}
