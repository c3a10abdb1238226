import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PUBLISHED_LANGUAGES } from "@aviso/core";
import { describe, expect, it } from "vitest";
import { loadRightsLibrary, renderArticle } from "./library.ts";
import { lintRightsLibrary } from "./lint.ts";
import { rightsSmsAnswer } from "./sms-answer.ts";

const library = loadRightsLibrary();

function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aviso-rights-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const front = (overrides: Record<string, string> = {}) => {
  const fields: Record<string, string> = {
    title: "T",
    summary: "S",
    sms: '"Call us. {link}"',
    jurisdiction: "us",
    order: "1",
    reviewed_by: "not yet reviewed",
    reviewed_on: "never",
    review_status: "draft",
    version: "1",
    ...overrides,
  };
  return `---\n${Object.entries(fields)
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n")}\n---\nBody with a [link](a).\n`;
};

describe("the rights library", () => {
  it("passes the content linter: every published language has every article, complete and linked", () => {
    const report = lintRightsLibrary(library);
    expect(report.errors).toEqual([]);
    const slugs = new Set(library.articles.map((a) => a.slug));
    expect(slugs.size).toBeGreaterThanOrEqual(10);
    for (const language of PUBLISHED_LANGUAGES) {
      expect(library.articles.filter((a) => a.lang === language.code)).toHaveLength(slugs.size);
    }
    // The segment report: every SMS version, counted. English and Spanish each fit one GSM-7 segment.
    expect(report.sms).toHaveLength(library.articles.length);
    for (const line of report.sms.filter((s) => /^(en|es)\//.test(s.file)))
      expect(line).toMatchObject({ segments: 1, encoding: "GSM-7" });
    console.info(
      report.sms
        .map((s) => `${s.file}: ${s.segments} segment(s), ${s.encoding}, ${s.units} units`)
        .join("\n"),
    );
  });

  it("tells the truth about the door: Form I-205 may be used to force entry, and no page says agents cannot come in", () => {
    const door = library.articles.find((a) => a.lang === "en" && a.slug === "at-the-door");
    expect(door?.body).toContain("Form I-205");
    expect(door?.body).toMatch(/may try to force their way in with only a \*\*Form I-205\*\*/);
    for (const article of library.articles) {
      expect(article.body).not.toMatch(
        /\b(cannot|can't|can not|may not|are not allowed to) (enter|come in|get in)/i,
      );
      expect(article.body).not.toMatch(/no (pueden|tienen permiso de) entrar/i);
    }
  });

  it("renders article links to the same language's pages", () => {
    const html = renderArticle({
      lang: "es",
      body: "Vea [el plan](family-plan) y [ICE](https://locator.ice.gov).",
    });
    expect(html).toContain('href="/rights/es/family-plan/"');
    expect(html).toContain('href="https://locator.ice.gov"');
  });
});

describe("the content linter", () => {
  it("fails on a missing translation", () => {
    const dir = fixture({ "en/a.md": front(), "es/other.md": front() });
    const errors = lintRightsLibrary(loadRightsLibrary(dir)).errors;
    expect(errors).toContain("es/a.md: missing translation of a");
    expect(errors).toContain('es/other.md: no English article "other"');
  });

  it("fails on a missing or wrong review field, naming it", () => {
    const dir = fixture({
      "en/a.md": front({ reviewed_by: "" }),
      "es/a.md": front({ review_status: "looks fine" }),
    });
    const errors = lintRightsLibrary(loadRightsLibrary(dir)).errors;
    expect(errors.some((e) => e.startsWith("en/a.md: front matter reviewed_by"))).toBe(true);
    expect(errors.some((e) => e.startsWith("es/a.md: front matter review_status"))).toBe(true);
  });

  it("fails on a broken article link and on an SMS version without its link", () => {
    const dir = fixture({
      "en/a.md": front().replace("[link](a)", "[link](nowhere)"),
      "es/a.md": front({ sms: '"No link here"' }),
    });
    const errors = lintRightsLibrary(loadRightsLibrary(dir)).errors;
    expect(errors).toContain('en/a.md: link to "nowhere", which is not an article in en');
    expect(errors.some((e) => e.startsWith("es/a.md: front matter sms: must contain {link}"))).toBe(
      true,
    );
  });
});

describe("RIGHTS by SMS", () => {
  it("answers the keyword in its language with a link, falls back to English, and ignores other text", () => {
    const es = rightsSmsAnswer(" derechos ", library, "https://aviso.example");
    expect(es?.lang).toBe("es");
    expect(es?.body).toContain("https://aviso.example/rights/es/");
    expect(es?.body).toContain("No abra");
    expect(rightsSmsAnswer("RIGHTS", library, "https://aviso.example")?.body).toContain(
      "Don't open.",
    );
    const withoutPolish = { ...library, articles: library.articles.filter((a) => a.lang !== "pl") };
    expect(rightsSmsAnswer("PRAWA", withoutPolish, "https://aviso.example")?.lang).toBe("en");
    expect(rightsSmsAnswer("hello", library, "https://aviso.example")).toBeUndefined();
  });
});
