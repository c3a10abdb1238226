import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LANGUAGES } from "@aviso/core";
import { Marked, type Token } from "marked";
import { type RightsArticle, RightsArticleMeta } from "./article.ts";
import { parseFrontMatter } from "./front-matter.ts";

/** content/rights at the repository root: one folder per language, one file per article. */
export const RIGHTS_DIR = fileURLToPath(new URL("../../../content/rights", import.meta.url));

export interface LoadProblem {
  file: string;
  message: string;
}

export interface RightsLibrary {
  articles: RightsArticle[];
  /** Files that could not be read as articles (the linter reports them). */
  problems: LoadProblem[];
}

/** Reads every article file; a broken file becomes a problem, not an exception. */
export function loadRightsLibrary(dir = RIGHTS_DIR): RightsLibrary {
  const articles: RightsArticle[] = [];
  const problems: LoadProblem[] = [];
  const known = new Set<string>(LANGUAGES.map((l) => l.code));
  for (const lang of readdirSync(dir, { withFileTypes: true })) {
    if (!lang.isDirectory()) continue;
    if (!known.has(lang.name)) {
      problems.push({ file: lang.name, message: `"${lang.name}" is not one of Aviso's languages` });
      continue;
    }
    for (const entry of readdirSync(path.join(dir, lang.name))) {
      if (!entry.endsWith(".md")) continue;
      const file = path.join(lang.name, entry);
      try {
        const { data, body } = parseFrontMatter(readFileSync(path.join(dir, file), "utf8"));
        const meta = RightsArticleMeta.safeParse(data);
        if (!meta.success) {
          for (const issue of meta.error.issues) {
            problems.push({
              file,
              message: `front matter ${issue.path.join(".") || "(all)"}: ${issue.message}`,
            });
          }
          continue;
        }
        articles.push({
          lang: lang.name,
          slug: entry.replace(/\.md$/, ""),
          meta: meta.data,
          body,
          file,
        });
      } catch (error) {
        problems.push({ file, message: (error as Error).message });
      }
    }
  }
  articles.sort((a, b) => a.meta.order - b.meta.order || a.slug.localeCompare(b.slug));
  return { articles, problems };
}

const isArticleLink = (href: string) => /^[a-z0-9-]+$/.test(href);

function walk(tokens: Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token);
    const children = (token as { tokens?: Token[] }).tokens;
    if (children) walk(children, visit);
    const items = (token as { items?: Token[] }).items;
    if (items) walk(items, visit);
  }
}

/** Every link target in an article body. */
export function linksOf(body: string): string[] {
  const links: string[] = [];
  walk(new Marked().lexer(body), (token) => {
    if (token.type === "link") links.push(token.href);
  });
  return links;
}

/** The public path of an article (or of a language's index when no slug). */
export const rightsPath = (lang: string, slug?: string) =>
  `/rights/${lang}/${slug ? `${slug}/` : ""}`;

/**
 * Renders an article body to HTML. `[text](slug)` links to another article in the same
 * language. The Markdown comes from the content files in this repository only.
 */
export function renderArticle(article: Pick<RightsArticle, "lang" | "body">): string {
  const marked = new Marked({ gfm: true });
  const tokens = marked.lexer(article.body);
  walk(tokens, (token) => {
    if (token.type === "link" && isArticleLink(token.href))
      token.href = rightsPath(article.lang, token.href);
  });
  return marked.parser(tokens);
}

export { isArticleLink };
