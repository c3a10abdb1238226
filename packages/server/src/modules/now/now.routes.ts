import { escapeHtml, renderPublicPage, uiStrings } from "@aviso/content";
import { languageByCode, PUBLISHED_LANGUAGES, type SiteInfo } from "@aviso/core";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { fillSitePlaceholders, preferredRightsLanguage } from "../../http/web.ts";
import type { NowService, PublicNotice } from "./now.service.ts";

const published = PUBLISHED_LANGUAGES.map((l) => l.code as string);
const nowPath = (lang: string) => `/now/${lang}/`;

function noticeHtml(notice: PublicNotice, lang: string, timeZone: string): string {
  const when = (iso: string) =>
    new Date(iso).toLocaleString(lang, { timeZone, dateStyle: "medium", timeStyle: "short" });
  return `<li class="notice notice-${notice.kind}">
<p>${escapeHtml(notice.text)}</p>
<p class="meta"><span>${escapeHtml(notice.areaNames.join(", "))}</span> <span><time datetime="${escapeHtml(notice.validFrom)}">${escapeHtml(when(notice.validFrom))}</time> – <time datetime="${escapeHtml(notice.validUntil)}">${escapeHtml(when(notice.validUntil))}</time></span> <span class="code">Code ${escapeHtml(notice.verificationCode)}</span></p>
${notice.signature ? `<details><summary>Ed25519</summary><p class="signature"><code>${escapeHtml(notice.signature)}</code></p><p><a href="/api/alerts/public-key">Public key</a> · <a href="/api/alerts/verify/${escapeHtml(notice.verificationCode)}">Signed alert</a></p></details>` : ""}
</li>`;
}

/**
 * "What is true now": the verified alerts and rumor corrections in force, per language,
 * rendered on the server at every request (never cached, never saved offline: stale truth
 * would be dangerous).
 */
export function nowRoutes(now: NowService, site: SiteInfo): FastifyPluginAsyncZod {
  return async (app) => {
    app.get("/now", { schema: { hide: true } }, async (request, reply) =>
      reply.redirect(
        nowPath(preferredRightsLanguage(request.headers["accept-language"], published)),
      ),
    );
    app.get(
      "/now/:lang/",
      {
        schema: {
          hide: true,
          params: z.object({ lang: z.enum(published as [string, ...string[]]) }),
        },
      },
      async (request, reply) => {
        const { lang } = request.params;
        const t = uiStrings(lang);
        const notices = await now.inForce(lang);
        const main = `<h1>${escapeHtml(t.now.title)}</h1>
<p class="intro">${escapeHtml(t.now.intro)}</p>
${notices.length === 0 ? `<p class="empty" data-testid="now-empty">${escapeHtml(t.now.empty)}</p>` : `<ul class="notices">${notices.map((n) => noticeHtml(n, lang, site.timeZone)).join("\n")}</ul>`}
<p class="crumb"><a href="/rights/${lang}/">${escapeHtml(t.libraryTitle)}</a></p>`;
        const html = renderPublicPage({
          lang,
          dir: languageByCode(lang)?.dir ?? "ltr",
          title: t.now.title,
          description: t.now.intro,
          main,
          languagePath: nowPath,
        });
        return reply
          .type("text/html; charset=utf-8")
          .header("cache-control", "no-store")
          .send(fillSitePlaceholders(html, site));
      },
    );
  };
}
