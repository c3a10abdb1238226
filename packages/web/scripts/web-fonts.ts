import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** The self-hosted @fontsource packages that draw each language's script (plus Latin). */
const PACKAGES: Record<string, string[]> = {
  ar: ["noto-sans-arabic"],
  ur: ["noto-sans-arabic"],
  hi: ["noto-sans-devanagari"],
  ko: ["noto-sans-kr"],
  "zh-Hans": ["noto-sans-sc"],
  "zh-Hant": ["noto-sans-tc"],
};

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
    const rules = readFileSync(path.join(dir, "400.css"), "utf8")
      // WOFF2 only: every browser that runs a service worker reads it.
      .replace(/,\s*url\(\.\/files\/[^)]+\.woff\) format\('woff'\)/g, "")
      .replace(/url\(\.\/files\/([^)]+\.woff2)\)/g, (_match, file: string) => {
        copyFileSync(path.join(dir, "files", file), path.join(out, file));
        return `url(/fonts/${file})`;
      });
    css.push(rules);
  }
  writeFileSync(path.join(out, `${lang}.css`), css.join("\n"));
}
