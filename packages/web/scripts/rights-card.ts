import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { createRequire } from "node:module";
import { CARD_OFFICER_SIDE, uiStrings } from "@aviso/content";
import PDFDocument from "pdfkit";

const require = createRequire(import.meta.url);

/**
 * The font that draws a language's script, from the self-hosted @fontsource packages (never
 * fetched at run time). Latin-script languages use Noto Sans with Latin Extended.
 */
function fontFor(lang: string): string {
  const subset = ["en", "es", "fr", "tl", "ht"].includes(lang) ? "latin" : "latin-ext";
  return require.resolve(`@fontsource/noto-sans/files/noto-sans-${subset}-400-normal.woff`);
}

const WIDTH = 420; // A6 landscape, in points: large enough to read, small enough to carry
const HEIGHT = 298;
const MARGIN = 24;

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
  doc.registerFont("card", fontFor(lang));
  doc.registerFont("latin", fontFor("en"));

  doc.font("card").fontSize(16).fillColor("#8a1c1c").text(t.cardHolder.title, { align: "left" });
  doc.moveDown(0.4).fontSize(11).fillColor("#1b1b1f");
  for (const line of t.cardHolder.lines) doc.text(`• ${line}`, { paragraphGap: 3 });
  doc.moveDown(0.4).fontSize(7).fillColor("#4a4a55").text(t.notLegalAdvice);

  doc.addPage({ size: [WIDTH, HEIGHT], margin: MARGIN });
  doc.font("latin").fontSize(16).fillColor("#1b1b1f").text(CARD_OFFICER_SIDE.title);
  doc.moveDown(0.4).fontSize(11);
  for (const line of CARD_OFFICER_SIDE.lines) doc.text(line, { paragraphGap: 4 });
  doc.end();
  await once(out, "finish");
}
