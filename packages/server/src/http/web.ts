import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { escapeHtml } from "@aviso/content";
import type { SiteInfo } from "@aviso/core";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/** The built web app (packages/web/dist), made by `npm run build`. */
export const WEB_DIST = fileURLToPath(new URL("../../../web/dist", import.meta.url));

/** Fills the deployment's own facts into the built page, so they show even with JavaScript off. */
export function fillSitePlaceholders(template: string, site: SiteInfo): string {
  return template
    .replaceAll("__AVISO_ORG_NAME__", escapeHtml(site.name))
    .replaceAll("__AVISO_HOTLINE_NAME__", escapeHtml(site.hotline.name))
    .replaceAll("__AVISO_HOTLINE_NUMBER__", escapeHtml(site.hotline.number))
    .replaceAll("__AVISO_TIME_ZONE__", escapeHtml(site.timeZone))
    .replaceAll("__AVISO_HOTLINE_TEL__", escapeHtml(site.hotline.number.replace(/[^0-9+]/g, "")));
}

/** Each page path and the built HTML file that serves it. */
const PAGES: Record<string, string> = {
  "/": "index.html",
  "/subscribe": "subscribe.html",
  "/plan": "plan.html",
  "/report": "report.html",
  "/console": "console.html",
  "/console/*": "console.html",
};
const APP_PATHS = Object.keys(PAGES);
const FILES = ["favicon.svg", "rights.js", "sw.js"];
const RIGHTS_PAGE = /^\/rights\/([a-zA-Z-]{2,7})\/(?:([a-z0-9-]{1,60})\/)?$/;

/** The best published rights language for a browser's Accept-Language header. */
export function preferredRightsLanguage(
  acceptLanguage: string | undefined,
  published: string[],
): string {
  const wanted = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", q] = part.trim().split(";q=");
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    const exact = published.find((code) => code.toLowerCase() === tag);
    if (exact) return exact;
    const base = published.find((code) => code.toLowerCase().split("-")[0] === tag.split("-")[0]);
    if (base) return base;
  }
  return published[0] ?? "en";
}

/** Serves the web app: hashed assets cached for a year, the page itself never cached. */
export async function registerWeb(
  app: FastifyInstance,
  site: SiteInfo,
  dist = WEB_DIST,
): Promise<void> {
  const indexFile = `${dist}/index.html`;
  if (!existsSync(indexFile)) {
    app.log.warn("web app not built; run npm run build");
    for (const url of APP_PATHS) {
      app.get(url, { schema: { hide: true } }, async (_request, reply) =>
        reply
          .type("text/plain; charset=utf-8")
          .status(503)
          .send("The Aviso web app is not built yet. Run: npm run build"),
      );
    }
    return;
  }
  const filled = new Map<string, string>();
  for (const file of new Set(Object.values(PAGES))) {
    const built = `${dist}/${file}`;
    if (existsSync(built))
      filled.set(file, fillSitePlaceholders(readFileSync(built, "utf8"), site));
  }
  const home = filled.get("index.html") ?? "";
  // Hashed bundles under /assets/*, cached for a year; a few named files at the root.
  await app.register(fastifyStatic, {
    root: `${dist}/assets`,
    prefix: "/assets/",
    index: false,
    maxAge: "365d",
    immutable: true,
  });
  // Self-hosted fonts for every script, fetched by unicode-range, cached for a year.
  if (existsSync(`${dist}/fonts`)) {
    await app.register(fastifyStatic, {
      root: `${dist}/fonts`,
      prefix: "/fonts/",
      index: false,
      maxAge: "365d",
      decorateReply: false,
    });
  }
  for (const file of FILES) {
    app.get(`/${file}`, { schema: { hide: true } }, async (_request, reply) =>
      reply.header("cache-control", "no-cache").sendFile(file, dist),
    );
  }
  for (const url of APP_PATHS) {
    app.get(url, { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type("text/html; charset=utf-8")
        .header("cache-control", "no-cache")
        .send(filled.get(PAGES[url] ?? "") ?? home),
    );
  }
  registerRightsPages(app, site, dist);
}

/**
 * The pre-rendered rights library (dist/rights/<lang>/<slug>/index.html), with the deployment's
 * facts filled in. Pages are read once and kept; they change only with a new build.
 */
function registerRightsPages(app: FastifyInstance, site: SiteInfo, dist: string): void {
  const root = `${dist}/rights`;
  const published = existsSync(root)
    ? readdirSync(root).sort((a, b) => (a === "en" ? -1 : b === "en" ? 1 : a.localeCompare(b)))
    : [];
  const pages = new Map<string, string>();
  app.get("/rights", { schema: { hide: true } }, async (request, reply) =>
    reply.redirect(
      `/rights/${preferredRightsLanguage(request.headers["accept-language"], published)}/`,
    ),
  );
  app.get("/rights/*", { schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split("?")[0] ?? "";
    const card = /^\/rights\/([a-zA-Z-]{2,7})\/card\.pdf$/.exec(url);
    if (card?.[1] && published.includes(card[1]) && existsSync(`${root}/${card[1]}/card.pdf`)) {
      return reply
        .type("application/pdf")
        .header("cache-control", "no-cache")
        .sendFile(`rights/${card[1]}/card.pdf`, dist);
    }
    const match = RIGHTS_PAGE.exec(url.endsWith("/") ? url : `${url}/`);
    const lang = match?.[1];
    const file =
      lang && published.includes(lang)
        ? `${root}/${lang}/${match?.[2] ? `${match[2]}/` : ""}index.html`
        : undefined;
    if (!file || !existsSync(file)) {
      return reply
        .status(404)
        .type("text/plain; charset=utf-8")
        .send("No such page in the rights library.");
    }
    if (!url.endsWith("/")) return reply.redirect(`${url}/`);
    let html = pages.get(file);
    if (html === undefined) {
      html = fillSitePlaceholders(readFileSync(file, "utf8"), site);
      pages.set(file, html);
    }
    return reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(html);
  });
}
