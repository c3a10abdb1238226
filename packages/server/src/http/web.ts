import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { SiteInfo } from "@aviso/core";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/** The built web app (packages/web/dist), made by `npm run build`. */
export const WEB_DIST = fileURLToPath(new URL("../../../web/dist", import.meta.url));

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/** Fills the deployment's own facts into the built page, so they show even with JavaScript off. */
export function renderIndex(template: string, site: SiteInfo): string {
  return template
    .replaceAll("__AVISO_ORG_NAME__", escapeHtml(site.name))
    .replaceAll("__AVISO_HOTLINE_NAME__", escapeHtml(site.hotline.name))
    .replaceAll("__AVISO_HOTLINE_NUMBER__", escapeHtml(site.hotline.number))
    .replaceAll("__AVISO_TIME_ZONE__", escapeHtml(site.timeZone))
    .replaceAll("__AVISO_HOTLINE_TEL__", escapeHtml(site.hotline.number.replace(/[^0-9+]/g, "")));
}

const APP_PATHS = ["/", "/console", "/console/*"];
const FILES = ["favicon.svg"];

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
  const page = renderIndex(readFileSync(indexFile, "utf8"), site);
  // Hashed bundles under /assets/*, cached for a year; a few named files at the root.
  await app.register(fastifyStatic, {
    root: `${dist}/assets`,
    prefix: "/assets/",
    index: false,
    maxAge: "365d",
    immutable: true,
  });
  for (const file of FILES) {
    app.get(`/${file}`, { schema: { hide: true } }, async (_request, reply) =>
      reply.sendFile(file, dist),
    );
  }
  for (const url of APP_PATHS) {
    app.get(url, { schema: { hide: true } }, async (_request, reply) =>
      reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(page),
    );
  }
}
