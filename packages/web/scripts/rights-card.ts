import { once } from "node:events";
import { createWriteStream, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { CARD_OFFICER_SIDE, uiStrings } from "@aviso/content";
import { languageByCode } from "@aviso/core";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";

const require = createRequire(import.meta.url);
const filesOf = (pkg: string) => path.dirname(require.resolve(`${pkg}/package.json`));

/** Every 400-weight WOFF file of a @fontsource package whose name matches (numbered CJK chunks too). */
function fontFiles(pkg: string, pattern: RegExp): string[] {
  const dir = path.join(filesOf(pkg), "files");
  return readdirSync(dir)
    .filter((file) => file.endsWith("-400-normal.woff") && pattern.test(file))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
    .map((file) => path.join(dir, file));
}

/**
 * The fonts that draw a language's script, in the order to try them, all from self-hosted
 * @fontsource packages (never fetched at run time). Latin comes first so digits and the phone
 * number always have a glyph.
 */
function fontChain(lang: string): string[] {
  const latin = fontFiles("@fontsource/noto-sans", /-(latin|latin-ext)-400/);
  switch (lang) {
    case "ar":
    case "ur":
      return [...fontFiles("@fontsource/noto-sans-arabic", /-arabic-arabic-400/), ...latin];
    case "hi":
      return [
        ...fontFiles("@fontsource/noto-sans-devanagari", /-devanagari-devanagari-400/),
        ...latin,
      ];
    case "ko":
      return [...latin, ...fontFiles("@fontsource/noto-sans-kr", /-kr-\d+-400/)];
    case "zh-Hans":
      return [...latin, ...fontFiles("@fontsource/noto-sans-sc", /-sc-\d+-400/)];
    case "zh-Hant":
      return [...latin, ...fontFiles("@fontsource/noto-sans-tc", /-tc-\d+-400/)];
    case "uk":
      return [...fontFiles("@fontsource/noto-sans", /-cyrillic-400/), ...latin];
    default:
      return latin;
  }
}

interface Face {
  name: string;
  font: fontkit.Font;
}
interface Run {
  face: Face;
  text: string;
}

/** Whether a face draws a character (a font without a usable cmap draws nothing). */
function draws(face: Face, code: number): boolean {
  try {
    return face.font.hasGlyphForCodePoint(code);
  } catch {
    return false;
  }
}

/** Splits text into runs, each drawn by the first face that has all its glyphs. */
function runsOf(text: string, faces: Face[]): Run[] {
  const runs: Run[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 32;
    const last = runs.at(-1);
    if (last && draws(last.face, code)) {
      last.text += char;
      continue;
    }
    const face = faces.find((f) => draws(f, code)) ?? faces[0];
    if (face) runs.push({ face, text: char });
  }
  return runs;
}

const WIDTH = 420; // A6 landscape, in points: large enough to read, small enough to carry
const HEIGHT = 298;
const MARGIN = 24;
const TEXT_WIDTH = WIDTH - 2 * MARGIN;

/** Left-to-right text in mixed fonts, wrapped by pdfkit across the runs. */
function drawLtr(doc: PDFKit.PDFDocument, text: string, faces: Face[], gap: number): void {
  const runs = runsOf(text, faces);
  runs.forEach((run, i) => {
    doc
      .font(run.face.name)
      .text(run.text, { width: TEXT_WIDTH, continued: i < runs.length - 1, paragraphGap: gap });
  });
}

/**
 * Right-to-left text (Arabic, Urdu): wrapped here by words, then each line drawn from the right
 * edge run by run. fontkit shapes each Arabic run and orders its glyphs; runs of digits or Latin
 * (the phone number) stay left to right, as the Unicode bidi rules would place them.
 */
function drawRtl(doc: PDFKit.PDFDocument, text: string, faces: Face[], gap: number): void {
  const width = (part: string) =>
    runsOf(part, faces).reduce(
      (sum, run) => sum + doc.font(run.face.name).widthOfString(run.text),
      0,
    );
  // Paired brackets are drawn mirrored in right-to-left text (Unicode bidi mirroring).
  const mirrored = text.replace(
    /[()[\]]/g,
    (c) => ({ "(": ")", ")": "(", "[": "]", "]": "[" })[c] ?? c,
  );
  const lines: string[] = [];
  for (const word of mirrored.split(" ")) {
    const current = lines.at(-1);
    if (current !== undefined && width(`${current} ${word}`) <= TEXT_WIDTH)
      lines[lines.length - 1] = `${current} ${word}`;
    else lines.push(word);
  }
  for (const line of lines) {
    const y = doc.y;
    let x = MARGIN + TEXT_WIDTH;
    for (const run of runsOf(line, faces)) {
      const w = doc.font(run.face.name).widthOfString(run.text, { features: ["kern"] });
      x -= w;
      // Any explicit feature makes pdfkit shape the run whole instead of word by word, so
      // fontkit orders a right-to-left run's words correctly.
      doc.text(run.text, x, y, { lineBreak: false, width: w + 1, features: ["kern"] });
    }
    doc.x = MARGIN;
    doc.y = y + doc.currentLineHeight(true);
  }
  doc.y += gap;
}

/**
 * Writes a two-page rights card: the holder's side in their language, the officer-facing side
 * in English. Educational, not a legal document; it says so on the holder's side.
 */
export async function writeRightsCard(lang: string, file: string): Promise<void> {
  const t = uiStrings(lang);
  const doc = new PDFDocument({
    size: [WIDTH, HEIGHT],
    margin: MARGIN,
    info: { Title: t.cardHolder.title, Author: "Aviso" },
  });
  const out = createWriteStream(file);
  doc.pipe(out);
  const faces: Face[] = fontChain(lang).map((fontFile, i) => {
    const name = `f${i}`;
    doc.registerFont(name, fontFile);
    return { name, font: fontkit.openSync(fontFile) };
  });
  const draw = languageByCode(lang)?.dir === "rtl" ? drawRtl : drawLtr;

  doc.fontSize(16).fillColor("#8a1c1c");
  draw(doc, t.cardHolder.title, faces, 6);
  doc.fontSize(11).fillColor("#1b1b1f");
  for (const line of t.cardHolder.lines) draw(doc, `• ${line}`, faces, 3);
  doc.fontSize(7).fillColor("#4a4a55");
  draw(doc, t.notLegalAdvice, faces, 0);

  const latin = fontChain("en").map((fontFile, i) => {
    doc.registerFont(`latin${i}`, fontFile);
    return { name: `latin${i}`, font: fontkit.openSync(fontFile) };
  });
  doc.addPage({ size: [WIDTH, HEIGHT], margin: MARGIN });
  doc.fontSize(16).fillColor("#1b1b1f");
  drawLtr(doc, CARD_OFFICER_SIDE.title, latin, 6);
  doc.fontSize(11);
  for (const line of CARD_OFFICER_SIDE.lines) drawLtr(doc, line, latin, 4);
  doc.end();
  await once(out, "finish");
}
