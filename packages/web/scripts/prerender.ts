/**
 * Pre-renders the rights library to static HTML, one page per article per published language,
 * into dist/rights/. The pages need no JavaScript: /rights.js only adds the offline notice and
 * registers the service worker. The server fills the __AVISO_*__ placeholders at request time.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  escapeHtml,
  lintRightsLibrary,
  loadRightsLibrary,
  type RightsArticle,
  renderArticle,
  renderPublicPage,
  rightsPath,
  uiStrings,
} from "@aviso/content";
import { PUBLISHED_LANGUAGES } from "@aviso/core";
import { writeRightsCard } from "./rights-card.ts";
import { writeWebFonts } from "./web-fonts.ts";

const DIST = fileURLToPath(new URL("../dist/rights", import.meta.url));

function articlePage(article: RightsArticle, dir: string, offline: string[]): string {
  const t = uiStrings(article.lang);
  const { meta } = article;
  const reviewed =
    meta.review_status === "reviewed by counsel" && meta.reviewed_on !== "never"
      ? ` (${meta.reviewed_on}, ${escapeHtml(meta.reviewed_by)})`
      : "";
  const main = `<p class="crumb"><a href="${rightsPath(article.lang)}">${escapeHtml(t.allArticles)}</a></p>
<article>
<h1>${escapeHtml(meta.title)}</h1>
<p class="meta"><span>${escapeHtml(t.jurisdiction[meta.jurisdiction])}</span> <span class="review review-${meta.review_status === "reviewed by counsel" ? "ok" : "pending"}">${escapeHtml(t.review[meta.review_status])}${reviewed}</span></p>
${renderArticle(article)}
</article>`;
  return renderPublicPage({
    lang: article.lang,
    dir,
    title: meta.title,
    description: meta.summary,
    main,
    offline,
    languagePath: (l) => rightsPath(l, article.slug),
  });
}

function indexPage(
  lang: string,
  dir: string,
  articles: RightsArticle[],
  offline: string[],
): string {
  const t = uiStrings(lang);
  const items = articles
    .map(
      (a) =>
        `<li><a href="${rightsPath(lang, a.slug)}"><strong>${escapeHtml(a.meta.title)}</strong></a><br>${escapeHtml(a.meta.summary)}</li>`,
    )
    .join("\n");
  const main = `<h1>${escapeHtml(t.libraryTitle)}</h1>
<p class="intro">${escapeHtml(t.intro)}</p>
<p class="card-link"><a href="${rightsPath(lang)}card.pdf">${escapeHtml(t.card)}</a></p>
<ul class="articles">
${items}
</ul>`;
  return renderPublicPage({
    lang,
    dir,
    title: t.libraryTitle,
    description: t.intro,
    main,
    offline,
    languagePath: (l) => rightsPath(l),
  });
}

const library = loadRightsLibrary();
const report = lintRightsLibrary(library);
if (report.errors.length > 0) {
  console.error(
    `The rights library has problems; fix them before building:\n${report.errors.join("\n")}`,
  );
  process.exit(1);
}
let pages = 0;
for (const language of PUBLISHED_LANGUAGES) {
  const articles = library.articles.filter((a) => a.lang === language.code);
  const dir = path.join(DIST, language.code);
  mkdirSync(dir, { recursive: true });
  await writeRightsCard(language.code, path.join(dir, "card.pdf"));
  writeWebFonts(language.code, path.dirname(DIST));
  const offline = [
    rightsPath(language.code),
    ...articles.map((a) => rightsPath(language.code, a.slug)),
  ];
  writeFileSync(
    path.join(dir, "index.html"),
    indexPage(language.code, language.dir, articles, offline),
  );
  for (const article of articles) {
    mkdirSync(path.join(dir, article.slug), { recursive: true });
    writeFileSync(
      path.join(dir, article.slug, "index.html"),
      articlePage(article, language.dir, offline),
    );
    pages++;
  }
}
console.log(
  `rights: ${pages} article pages in ${PUBLISHED_LANGUAGES.length} languages pre-rendered to dist/rights/`,
);
