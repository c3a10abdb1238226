import { createServer } from "node:http";
import { gzipSync } from "node:zlib";
import { launchChromium, startAviso } from "../e2e/support.ts";

const PAGES = [
  "/",
  "/rights/en/",
  "/rights/en/at-the-door/",
  "/rights/es/at-the-door/",
  "/rights/ar/at-the-door/",
  "/rights/zh-Hans/at-the-door/",
];
const WEIGHT_BUDGET = 60 * 1024; // gzipped JS + CSS per page
const RENDER_BUDGET_MS = 1000;
/** Chrome DevTools' "Regular 3G": 750 kb/s down, 250 kb/s up, 100 ms latency. */
const REGULAR_3G = {
  offline: false,
  latency: 100,
  downloadThroughput: (750 * 1024) / 8,
  uploadThroughput: (250 * 1024) / 8,
};

async function gzippedAssets(base: string, path: string): Promise<number> {
  const html = await (await fetch(`${base}${path}`)).text();
  const urls = [
    ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="stylesheet"[^>]*\shref)="([^"]+)"/g),
  ].map((m) => m[1] ?? "");
  let total = 0;
  for (const url of urls)
    total += gzipSync(Buffer.from(await (await fetch(`${base}${url}`)).arrayBuffer())).length;
  return total;
}

/**
 * Each public page's gzipped JS+CSS weight against its 60 KB budget, and its first contentful
 * paint in Chromium on a throttled 3G connection against 1 s, next to a bare HTML page served
 * and throttled the same way in the same run (the baseline).
 */
export async function benchPublicPages(): Promise<void> {
  const aviso = await startAviso();
  const bare = createServer((_request, response) => {
    response
      .writeHead(200, { "content-type": "text/html" })
      .end("<!doctype html><html lang=en><title>b</title><p>Baseline page");
  });
  await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
  const address = bare.address();
  const bareUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
  const browser = await launchChromium();
  const firstPaint = async (url: string) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", REGULAR_3G);
    await page.goto(url, { waitUntil: "networkidle" });
    const fcp = await page.evaluate(() => {
      const perf = (
        globalThis as unknown as {
          performance: { getEntriesByName(n: string): { startTime: number }[] };
        }
      ).performance;
      return perf.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
    });
    await context.close();
    return fcp;
  };
  try {
    const baseline = await firstPaint(bareUrl);
    console.log(
      `public pages on Regular 3G; baseline bare HTML page first paint ${baseline.toFixed(0)} ms`,
    );
    for (const path of PAGES) {
      const weight = await gzippedAssets(aviso.url, path);
      const fcp = await firstPaint(`${aviso.url}${path}`);
      console.log(
        `${path.padEnd(30)} JS+CSS ${(weight / 1024).toFixed(1)} KB gz (${((100 * weight) / WEIGHT_BUDGET).toFixed(0)}% of 60 KB)` +
          `  first paint ${fcp.toFixed(0)} ms (${((100 * fcp) / RENDER_BUDGET_MS).toFixed(0)}% of 1 s, ${(fcp / baseline).toFixed(2)}x baseline)`,
      );
    }
  } finally {
    await browser.close();
    bare.close();
    await aviso.stop();
  }
}
