import { constants, createReadStream } from "node:fs";
import { access, stat } from "node:fs/promises";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound, unavailable } from "../../errors.ts";
import { requireStaff } from "../../http/access.ts";

const tags = ["basemap"];

/** Where the console's map reads the self-hosted basemap from (PMTiles clients read byte ranges). */
export const BASEMAP_TILES_URL = "/api/basemap/tiles.pmtiles";

/** Inclusive byte positions, as HTTP's Range and Content-Range count them. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads a `Range` header against a file of `size` bytes: `"whole"` when there is none,
 * `"unsatisfiable"` (answered 416) when it is malformed, asks for several ranges, or starts past
 * the end. A range running past the end is cut at the end, as RFC 9110 §14.1.2 says.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): ByteRange | "whole" | "unsatisfiable" {
  if (header === undefined) return "whole";
  const match = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!match || size === 0) return "unsatisfiable";
  const [, first = "", last = ""] = match;
  if (first === "") {
    // A suffix: the last n bytes.
    const length = Number(last);
    if (last === "" || length === 0) return "unsatisfiable";
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}

/** The file's size and a strong ETag (size and modification time), or undefined if unreadable. */
async function probe(file: string): Promise<{ size: number; etag: string } | undefined> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return undefined;
    await access(file, constants.R_OK);
    return { size: info.size, etag: `"${info.size.toString(16)}-${info.mtimeMs.toString(16)}"` };
  } catch {
    return undefined;
  }
}

/**
 * The self-hosted basemap for the console map: where it is, and the PMTiles file itself with
 * byte ranges. `file` is `AVISO_BASEMAP_PMTILES` (absolute); without it the map draws the area
 * outlines alone, and no tile server anywhere is ever asked.
 */
export function basemapRoutes(file: string | undefined): FastifyPluginAsyncZod {
  return async (app) => {
    if (file && !(await probe(file))) {
      app.log.warn(
        { code: "BASEMAP_UNREADABLE", file },
        "AVISO_BASEMAP_PMTILES is set but cannot be read; the console map shows the area outlines alone",
      );
    }

    app.get(
      "/api/basemap",
      {
        schema: {
          tags,
          summary: "Where the console map reads its basemap, or null for the area outlines alone",
          response: { 200: z.object({ url: z.string().nullable() }) },
        },
      },
      async (request) => {
        requireStaff(request);
        const isReadable = file !== undefined && (await probe(file)) !== undefined;
        return { url: isReadable ? BASEMAP_TILES_URL : null };
      },
    );

    app.get(
      BASEMAP_TILES_URL,
      {
        schema: {
          tags,
          summary: "The basemap PMTiles file, whole or one byte range (206)",
        },
        // One map view reads dozens of ranges, and panning reads more: the API's per-client
        // limit (sized for forms) would cut the map off. Staff only, and each read is cheap.
        config: { rateLimit: { max: 3000, timeWindow: "1 minute" } },
      },
      async (request, reply) => {
        requireStaff(request);
        if (!file) {
          throw notFound(
            "BASEMAP_NOT_CONFIGURED",
            "No basemap is configured: set AVISO_BASEMAP_PMTILES to a .pmtiles file to draw streets under the areas",
          );
        }
        const found = await probe(file);
        if (!found) {
          throw unavailable(
            "BASEMAP_UNREADABLE",
            "The basemap file set in AVISO_BASEMAP_PMTILES cannot be read; ask an administrator to check it",
          );
        }
        const { size, etag } = found;
        reply
          .header("accept-ranges", "bytes")
          .header("etag", etag)
          .header("cache-control", "private, max-age=3600");
        const range = parseRange(request.headers.range, size);
        if (range === "unsatisfiable") {
          // 416 is no error kind of ours: answered here, in the usual error shape.
          return reply
            .status(416)
            .header("content-range", `bytes */${size}`)
            .send({
              error: {
                code: "RANGE_NOT_SATISFIABLE",
                message: `Ask for one byte range inside the file's ${size} bytes, as bytes=start-end`,
              },
              requestId: request.id,
            });
        }
        const { start, end } = range === "whole" ? { start: 0, end: size - 1 } : range;
        if (range !== "whole") {
          reply.status(206).header("content-range", `bytes ${start}-${end}/${size}`);
        }
        reply.header("content-type", "application/vnd.pmtiles");
        reply.header("content-length", String(Math.max(0, end - start + 1)));
        if (size === 0) return reply.send("");
        return reply.send(createReadStream(file, { start, end }));
      },
    );
  };
}
