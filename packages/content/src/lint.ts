import { countSmsSegments, LANGUAGES } from "@aviso/core";
import { isArticleLink, linksOf, type RightsLibrary } from "./library.ts";

export interface LintReport {
  errors: string[];
  /** One line per SMS version: its language, segments and encoding. */
  sms: { file: string; segments: number; encoding: string; units: number }[];
  warnings: string[];
}

const SAMPLE_LINK = "https://aviso.example/rights/es/"; // about what the link costs

/**
 * Checks the rights library: every published language has every article, front matter is
 * complete, article links resolve, and each SMS version's segment count is reported (more
 * than one segment is a warning: fine for scripts that cannot fit, worth a look otherwise).
 */
export function lintRightsLibrary(library: RightsLibrary): LintReport {
  const errors = library.problems.map((p) => `${p.file}: ${p.message}`);
  const warnings: string[] = [];
  const sms: LintReport["sms"] = [];
  const slugs = new Set(library.articles.filter((a) => a.lang === "en").map((a) => a.slug));
  const has = new Set(library.articles.map((a) => `${a.lang}/${a.slug}`));
  if (slugs.size === 0) errors.push("en: no articles (English is the reference language)");
  for (const language of LANGUAGES) {
    const present = library.articles.some((a) => a.lang === language.code);
    if (!language.published && !present) continue;
    for (const slug of slugs) {
      if (!has.has(`${language.code}/${slug}`))
        errors.push(`${language.code}/${slug}.md: missing translation of ${slug}`);
    }
  }
  for (const article of library.articles) {
    if (!slugs.has(article.slug))
      errors.push(`${article.file}: no English article "${article.slug}"`);
    for (const href of linksOf(article.body)) {
      if (isArticleLink(href) && !has.has(`${article.lang}/${href}`)) {
        errors.push(
          `${article.file}: link to "${href}", which is not an article in ${article.lang}`,
        );
      } else if (!isArticleLink(href) && !/^(https:\/\/|tel:|sms:|mailto:|#)/.test(href)) {
        errors.push(
          `${article.file}: link "${href}" is neither an article slug nor an https:, tel: or sms: link`,
        );
      }
    }
    const count = countSmsSegments(article.meta.sms.replace("{link}", SAMPLE_LINK));
    sms.push({
      file: article.file,
      segments: count.segments,
      encoding: count.encoding,
      units: count.units,
    });
    if (count.segments > 1) {
      warnings.push(
        `${article.file}: SMS version is ${count.segments} segments (${count.encoding}, ${count.units} units)`,
      );
    }
  }
  return { errors, sms, warnings };
}
