import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/**
 * The self-hosted @fontsource packages that draw each language's script (plus Latin). Chinese
 * and Korean pages lean on the reader's own fonts: phones set to those languages have them, and
 * their @font-face lists alone would outweigh the page (the PDF cards embed them instead).
 */
const PACKAGES: Record<string, string[]> = {
  ar: ["noto-sans-arabic"],
  ur: ["noto-sans-arabic"],
  hi: ["noto-sans-devanagari"],
};

/** The subsets a language's pages draw; others would only be fetched for the language switcher. */
const SUBSETS: Record<string, RegExp> = {
  uk: /-(latin|latin-ext|cyrillic|cyrillic-ext)-400/,
  ar: /-(latin|arabic-arabic)-400/,
  ur: /-(latin|arabic-arabic)-400/,
  hi: /-(latin|devanagari-devanagari)-400/,
};
const DEFAULT_SUBSETS = /-(latin|latin-ext)-400/;

/**
 * Writes /fonts/<lang>.css with the 400-weight @font-face rules a language needs, and copies
 * their WOFF2 files next to it. Browsers fetch only the files whose unicode-range a page uses,
 * from this server: no font CDN ever learns who reads what.
 */
export function writeWebFonts(lang: string, distDir: string): void {
  const out = path.join(distDir, "fonts");
  mkdirSync(out, { recursive: true });
  const css: string[] = [];
  for (const name of ["noto-sans", ...(PACKAGES[lang] ?? [])]) {
    const dir = path.dirname(require.resolve(`@fontsource/${name}/package.json`));
    const wanted = SUBSETS[lang] ?? DEFAULT_SUBSETS;
    // Each @font-face block in 400.css follows a /* <file-stem> */ comment naming its subset.
    const blocks = readFileSync(path.join(dir, "400.css"), "utf8")
      .split(/(?=\/\* )/)
      .filter((block) => wanted.test(block.slice(0, block.indexOf("*/"))))
      .join("");
    const rules = blocks
      // WOFF2 only: every browser that runs a service worker reads it.
      .replace(/,\s*url\(\.\/files\/[^)]+\.woff\) format\('woff'\)/g, "")
      .replace(/url\(\.\/files\/([^)]+\.woff2)\)/g, (_match, file: string) => {
        copyFileSync(path.join(dir, "files", file), path.join(out, file));
        return `url(/fonts/${file})`;
      });
    css.push(rules);
  }
  // One stylesheet per language: its fonts, then the page styles (one request on a slow network).
  const pageStyles = readFileSync(path.join(distDir, "rights.css"), "utf8");
  writeFileSync(path.join(out, `${lang}.css`), `${css.join("\n")}\n${pageStyles}`);
}
