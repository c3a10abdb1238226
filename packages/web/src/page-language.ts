import { LANGUAGES } from "@aviso/core/languages";

const SAVED = "aviso:lang";

/**
 * The language a public page opens in: `?lang=`, then the one chosen before on this phone,
 * then the browser's, then English.
 */
export function pickLanguage(): string {
  const codes = LANGUAGES.map((l) => l.code as string);
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked && codes.includes(asked)) return asked;
  const saved = localStorage.getItem(SAVED);
  if (saved && codes.includes(saved)) return saved;
  const browser = navigator.language.split("-")[0] ?? "en";
  return codes.find((c) => c === navigator.language || c === browser) ?? "en";
}

/**
 * Sets the page's language and direction (right to left for Arabic and Urdu), its font
 * stylesheet, the `?lang=` in the address, and remembers the choice on this phone.
 */
export function applyLanguage(lang: string, fontLinkId: string): void {
  localStorage.setItem(SAVED, lang);
  const language = LANGUAGES.find((l) => l.code === lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = language?.dir ?? "ltr";
  const font = document.getElementById(fontLinkId) as HTMLLinkElement | null;
  if (font) font.href = `/fonts/${lang}.css`;
  const url = new URL(location.href);
  url.searchParams.set("lang", lang);
  history.replaceState(null, "", url);
}
