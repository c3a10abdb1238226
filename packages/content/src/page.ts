import { PUBLISHED_LANGUAGES } from "@aviso/core";
import { uiStrings } from "./ui-strings.ts";

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/**
 * The frame of every public page (rights library, "what is true now"): lang and dir, the
 * language switcher, the hotline, the not-legal-advice line. No inline script or style: the
 * CSP forbids them. The server fills the __AVISO_*__ placeholders with the deployment's facts.
 */
export function renderPublicPage(options: {
  lang: string;
  dir: string;
  title: string;
  description: string;
  main: string;
  /** Where the language switcher sends each language (the same page in that language). */
  languagePath: (lang: string) => string;
  /** The language's pages, which rights.js saves for offline reading on the first visit; none for live pages. */
  offline?: string[];
}): string {
  const t = uiStrings(options.lang);
  const switcher = PUBLISHED_LANGUAGES.map((language) => {
    const current = language.code === options.lang;
    return `<li><a href="${options.languagePath(language.code)}" lang="${language.code}" hreflang="${language.code}"${current ? ' aria-current="true"' : ""}>${escapeHtml(language.nativeName)}</a></li>`;
  }).join("");
  return `<!doctype html>
<html lang="${options.lang}" dir="${options.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · __AVISO_ORG_NAME__</title>
<meta name="description" content="${escapeHtml(options.description)}">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
${options.offline ? `<meta name="aviso:offline" content="${options.offline.join(" ")}">\n` : ""}<link rel="stylesheet" href="/fonts/${options.lang}.css">
<script type="module" src="/rights.js"></script>
</head>
<body>
<header class="bar">
<a class="org" href="/">__AVISO_ORG_NAME__</a>
<nav class="languages" aria-label="${escapeHtml(t.language)}"><ul>${switcher}</ul></nav>
</header>
<p class="offline" id="offline-notice" role="status" hidden>${escapeHtml(t.offline)}</p>
<main>
${options.main}
<aside class="hotline"><p>${escapeHtml(t.hotline)} <a href="tel:__AVISO_HOTLINE_TEL__">__AVISO_HOTLINE_NUMBER__</a> (__AVISO_HOTLINE_NAME__)</p></aside>
<p class="legal">${escapeHtml(t.notLegalAdvice)}</p>
</main>
</body>
</html>
`;
}
