import {
  AreaFeatureCollection,
  type AreaGeometry,
  AreaKind,
  type AreaLookupQuery,
  type AreaSummary,
  areaOutlines,
  cellForPoint,
  cellsForGeometry,
  containsPoint,
  type OutlineMap,
  representativePoint,
} from "@aviso/core";
import { conflict, invalid, notFound } from "../../errors.ts";
import type { AreaRow, AreasRepository, NewArea } from "./areas.repository.ts";

export interface ImportOptions {
  kind: string;
  /** The feature property that names each area (e.g. `name`, `zip`, `ward`). */
  nameProperty: string;
  /** Text put before each name, e.g. "Ward " so ward 42 is called "Ward 42". */
  namePrefix?: string;
  /** Replace areas of the same kind and name instead of refusing. */
  replace?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportResult {
  kind: AreaKind;
  areas: number;
  cells: number;
}

const KIND_ORDER: Record<AreaKind, number> = { "community-area": 0, zip: 1, ward: 2 };

const slug = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** Builds an area's stable id from its kind and name: `community-area:loop`, `zip:60623`. */
export const areaId = (kind: AreaKind, name: string) => `${kind}:${slug(name) || "unnamed"}`;

const toSummary = (row: AreaRow): AreaSummary => ({
  id: row.id,
  name: row.name,
  kind: row.kind as AreaKind,
  cellCount: Number(row.cell_count),
});

// Natural order, so Ward 2 comes before Ward 10.
const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
const sortSummaries = (areas: AreaSummary[]) =>
  areas.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || collator.compare(a.name, b.name));

function describeJsonError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Turns a zod issue path into `features[3].geometry.coordinates[0]`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`,
    )
    .join("");
}

const CELL_CACHE_MS = 60_000;
const CELL_CACHE_SIZE = 20_000;
type CellCandidate = Awaited<ReturnType<AreasRepository["withCells"]>>[number];

export class AreasService {
  readonly #areas: AreasRepository;
  readonly #now: () => Date;
  /** Parsed polygons by `id@created_at`: areas change rarely, lookups happen on every report. */
  readonly #polygons = new Map<string, AreaGeometry>();
  /** Each area's centre cell, by id (cleared when areas are imported). */
  readonly #centres = new Map<string, string>();
  readonly #outlines = new Map<string, { key: string; value: OutlineMap }>();
  /**
   * The areas whose cells include a cell, for a minute: every report looks one up, and an
   * import by another process (the CLI) shows here within that minute.
   */
  readonly #byCell = new Map<string, { at: number; rows: Promise<CellCandidate[]> }>();
  constructor(areas: AreasRepository, now: () => Date = () => new Date()) {
    this.#areas = areas;
    this.#now = now;
  }

  /**
   * Parses GeoJSON text into named areas without touching the database. Every problem names
   * where it is (`features[3].geometry…`) so a person can fix the file.
   */
  parseAreaFile(text: string, options: ImportOptions): NewArea[] {
    const kind = AreaKind.safeParse(options.kind);
    if (!kind.success) {
      throw invalid(
        "AREA_KIND_UNKNOWN",
        `Unknown area kind "${options.kind}"; use one of: ${AreaKind.options.join(", ")}`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw invalid("GEOJSON_NOT_JSON", `The file is not valid JSON: ${describeJsonError(error)}`);
    }
    const parsed = AreaFeatureCollection.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.slice(0, 5).map((issue) => ({
        path: formatPath(issue.path) || "(top level)",
        message: issue.message,
      }));
      throw invalid(
        "GEOJSON_INVALID",
        `The file is not a GeoJSON FeatureCollection of Polygons/MultiPolygons: ${problems
          .map((p) => `${p.path}: ${p.message}`)
          .join("; ")}`,
        { problems },
      );
    }
    const seen = new Set<string>();
    return parsed.data.features.map((feature, index) => {
      const raw = feature.properties?.[options.nameProperty];
      if ((typeof raw !== "string" && typeof raw !== "number") || String(raw).trim() === "") {
        throw invalid(
          "GEOJSON_NAME_MISSING",
          `features[${index}] has no "${options.nameProperty}" property to name the area (properties: ${Object.keys(feature.properties ?? {}).join(", ") || "none"})`,
        );
      }
      const name = `${options.namePrefix ?? ""}${String(raw).trim()}`;
      const id = areaId(kind.data, name);
      if (seen.has(id))
        throw invalid(
          "GEOJSON_DUPLICATE_NAME",
          `features[${index}]: the name "${name}" appears twice`,
        );
      seen.add(id);
      const cells = cellsForGeometry(feature.geometry);
      return {
        id,
        kind: kind.data,
        name,
        code: String(raw),
        geometry: JSON.stringify(feature.geometry),
        interiorCells: cells.interior,
        edgeCells: cells.edge,
      };
    });
  }

  /** Imports areas from GeoJSON text: all of them or, on any problem, none. */
  async importAreas(text: string, options: ImportOptions): Promise<ImportResult> {
    const areas = this.parseAreaFile(text, options);
    this.#centres.clear();
    this.#byCell.clear();
    if (!options.replace) {
      const existing = await this.#areas.existingIds(areas.map((area) => area.id));
      if (existing.length > 0) {
        throw conflict(
          "AREAS_EXIST",
          `${existing.length} of these areas are already stored (e.g. ${existing[0]}); use --replace to replace them`,
          { existing },
        );
      }
    }
    await this.#areas.insert(areas, {
      now: this.#now().toISOString(),
      replace: options.replace ?? false,
      onArea: (done) => options.onProgress?.(done, areas.length),
    });
    return {
      kind: options.kind as AreaKind,
      areas: areas.length,
      cells: areas.reduce(
        (sum, area) => sum + area.interiorCells.length + area.edgeCells.length,
        0,
      ),
    };
  }

  async countAreas(): Promise<number> {
    return this.#areas.count();
  }

  async listAreas(kind?: AreaKind): Promise<AreaSummary[]> {
    return sortSummaries((await this.#areas.list(kind)).map(toSummary));
  }

  async getArea(id: string): Promise<AreaSummary & { geometry: AreaGeometry }> {
    const row = await this.#areas.find(id);
    if (!row) throw notFound("AREA_NOT_FOUND", `No area has the id ${id}`);
    return { ...toSummary(row), geometry: JSON.parse(row.geometry) as AreaGeometry };
  }

  /** Areas holding a point (exact polygon test after a cell lookup), or matching a ZIP code. */
  async lookup(query: AreaLookupQuery): Promise<AreaSummary[]> {
    if (query.zip !== undefined) return this.#lookupZip(query.zip);
    const { lat, lng } = query;
    if (lat === undefined || lng === undefined)
      throw invalid("LOOKUP_INVALID", "give lat and lng, or zip");
    const candidates = await this.#candidates(cellForPoint(lat, lng));
    const keyOf = (row: { id: string; created_at: string }) => `${row.id}@${row.created_at}`;
    const missing = candidates.filter((row) => !this.#polygons.has(keyOf(row)));
    if (missing.length > 0) {
      const created = new Map(missing.map((row) => [row.id, row.created_at]));
      for (const row of await this.#areas.geometries([...created.keys()])) {
        this.#polygons.set(
          `${row.id}@${created.get(row.id)}`,
          JSON.parse(row.geometry) as AreaGeometry,
        );
      }
    }
    const point = [lng, lat] as const;
    return sortSummaries(
      candidates
        .filter((row) => {
          const polygon = this.#polygons.get(keyOf(row));
          return polygon !== undefined && containsPoint(polygon, point);
        })
        .map(toSummary),
    );
  }

  /**
   * The areas a person means when they text a ZIP code or a name: the ZIP itself, or the
   * community area or ward of that name (any letter case).
   */
  async findForSubscription(text: string): Promise<AreaSummary[]> {
    const query = text.trim();
    if (/^\d{5}$/.test(query)) {
      const zip = await this.#areas.findByKindAndName("zip", query);
      return zip ? [toSummary(zip)] : [];
    }
    const named = await this.#areas.findByNameInsensitive(query);
    return named ? [toSummary(named)] : [];
  }

  /** A kind's areas as simplified SVG paths for a small tile-free map (made once, then kept). */
  async outlines(kind: AreaKind): Promise<OutlineMap> {
    const rows = await this.#areas.list(kind);
    const key = `${kind}:${rows.map((r) => r.id).join(",")}`;
    const known = this.#outlines.get(kind);
    if (known?.key === key) return known.value;
    const geometries = new Map(
      (await this.#areas.geometries(rows.map((r) => r.id))).map((row) => [
        row.id,
        JSON.parse(row.geometry) as AreaGeometry,
      ]),
    );
    const value = areaOutlines(
      sortSummaries(rows.map(toSummary)).map((area) => ({
        id: area.id,
        name: area.name,
        geometry: geometries.get(area.id) ?? { type: "Polygon", coordinates: [] },
      })),
    );
    this.#outlines.set(kind, { key, value });
    return value;
  }

  /** The cell standing for an area as a whole (a report that names a place, not a point). */
  async centreCell(id: string): Promise<string> {
    const known = this.#centres.get(id);
    if (known) return known;
    const [lng, lat] = representativePoint((await this.getArea(id)).geometry);
    const cell = cellForPoint(lat, lng);
    this.#centres.set(id, cell);
    return cell;
  }

  /** Area names for ids, in natural order (for messages). */
  async namesOf(ids: string[]): Promise<string[]> {
    const rows = await this.#areas.listByIds([...new Set(ids)]);
    return sortSummaries(rows.map(toSummary)).map((a) => a.name);
  }

  /** Area names for several lists of ids at once (one query), each in natural order. */
  async namesOfEach(lists: string[][]): Promise<string[][]> {
    const rows = sortSummaries(
      (await this.#areas.listByIds([...new Set(lists.flat())])).map(toSummary),
    );
    return lists.map((ids) => rows.filter((a) => ids.includes(a.id)).map((a) => a.name));
  }

  #candidates(cell: string): Promise<CellCandidate[]> {
    const now = this.#now().getTime();
    const cached = this.#byCell.get(cell);
    if (cached && now - cached.at < CELL_CACHE_MS) return cached.rows;
    if (this.#byCell.size >= CELL_CACHE_SIZE) this.#byCell.clear();
    const rows = this.#areas.withCells([cell]);
    this.#byCell.set(cell, { at: now, rows });
    rows.catch(() => this.#byCell.delete(cell));
    return rows;
  }

  async #lookupZip(zip: string): Promise<AreaSummary[]> {
    const area = await this.#areas.findByKindAndName("zip", zip);
    if (!area) return [];
    const others = await this.#areas.overlapping(area.id);
    return [toSummary(area), ...sortSummaries(others.map(toSummary))];
  }
}
