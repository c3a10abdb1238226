/**
 * The languages of the rights library and of alerts. `published` languages have every rights
 * article and show in the language switcher. All but English and Spanish are machine-drafted
 * and say so on every page until a person from the community reviews them.
 */
export const LANGUAGES = [
  { code: "en", name: "English", nativeName: "English", dir: "ltr", published: true },
  { code: "es", name: "Spanish", nativeName: "Español", dir: "ltr", published: true },
  { code: "pl", name: "Polish", nativeName: "Polski", dir: "ltr", published: true },
  {
    code: "zh-Hant",
    name: "Chinese (Traditional)",
    nativeName: "繁體中文",
    dir: "ltr",
    published: true,
  },
  {
    code: "zh-Hans",
    name: "Chinese (Simplified)",
    nativeName: "简体中文",
    dir: "ltr",
    published: true,
  },
  { code: "ar", name: "Arabic", nativeName: "العربية", dir: "rtl", published: true },
  { code: "ko", name: "Korean", nativeName: "한국어", dir: "ltr", published: true },
  { code: "tl", name: "Tagalog", nativeName: "Tagalog", dir: "ltr", published: true },
  { code: "uk", name: "Ukrainian", nativeName: "Українська", dir: "ltr", published: true },
  { code: "hi", name: "Hindi", nativeName: "हिन्दी", dir: "ltr", published: true },
  { code: "ur", name: "Urdu", nativeName: "اردو", dir: "rtl", published: true },
  {
    code: "ht",
    name: "Haitian Creole",
    nativeName: "Kreyòl ayisyen",
    dir: "ltr",
    published: true,
  },
  { code: "fr", name: "French", nativeName: "Français", dir: "ltr", published: true },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]["code"];
export type Language = (typeof LANGUAGES)[number];

export const PUBLISHED_LANGUAGES = LANGUAGES.filter((language) => language.published);

export const languageByCode = (code: string): Language | undefined =>
  LANGUAGES.find((l) => l.code === code);
