import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";

export interface NewArea {
  id: string;
  kind: string;
  name: string;
  code: string | null;
  geometry: string;
  interiorCells: string[];
  edgeCells: string[];
}

export interface AreaRow {
  id: string;
  kind: string;
  name: string;
  cell_count: number;
}

export interface AreaWithGeometry extends AreaRow {
  code: string | null;
  geometry: string;
}

const CHUNK = 500;
const summaryColumns = ["areas.id", "areas.kind", "areas.name", "areas.cell_count"] as const;

export class AreasRepository {
  readonly #db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /**
   * Stores areas and their cells in one transaction: all of them or none. With `replace`,
   * areas with the same ids are removed first (inside the same transaction).
   */
  async insert(
    areas: NewArea[],
    options: { now: string; replace: boolean; onArea?: (done: number) => void },
  ): Promise<void> {
    const { now, replace, onArea } = options;
    await this.#db.transaction().execute(async (trx) => {
      if (replace) {
        const ids = areas.map((area) => area.id);
        await trx.deleteFrom("area_cells").where("area_id", "in", ids).execute();
        await trx.deleteFrom("areas").where("id", "in", ids).execute();
      }
      let done = 0;
      for (const area of areas) {
        await trx
          .insertInto("areas")
          .values({
            id: area.id,
            kind: area.kind,
            name: area.name,
            code: area.code,
            geometry: area.geometry,
            cell_count: area.interiorCells.length + area.edgeCells.length,
            created_at: now,
          })
          .execute();
        const cells = [
          ...area.interiorCells.map((cell) => ({ area_id: area.id, cell, is_edge: 0 })),
          ...area.edgeCells.map((cell) => ({ area_id: area.id, cell, is_edge: 1 })),
        ];
        for (let i = 0; i < cells.length; i += CHUNK) {
          await trx
            .insertInto("area_cells")
            .values(cells.slice(i, i + CHUNK))
            .execute();
        }
        onArea?.(++done);
      }
    });
  }

  async existingIds(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.#db.selectFrom("areas").select("id").where("id", "in", ids).execute();
    return rows.map((row) => row.id);
  }

  async count(): Promise<number> {
    const row = await this.#db
      .selectFrom("areas")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async list(kind?: string): Promise<AreaRow[]> {
    let query = this.#db.selectFrom("areas").select(summaryColumns);
    if (kind) query = query.where("kind", "=", kind);
    return query.orderBy("kind").orderBy("name").execute();
  }

  async listByIds(ids: string[]): Promise<AreaRow[]> {
    if (ids.length === 0) return [];
    return this.#db.selectFrom("areas").select(summaryColumns).where("id", "in", ids).execute();
  }

  async find(id: string): Promise<AreaWithGeometry | undefined> {
    return this.#db
      .selectFrom("areas")
      .select([...summaryColumns, "areas.code", "areas.geometry"])
      .where("id", "=", id)
      .executeTakeFirst();
  }

  async findByKindAndName(kind: string, name: string): Promise<AreaRow | undefined> {
    return this.#db
      .selectFrom("areas")
      .select(summaryColumns)
      .where("kind", "=", kind)
      .where("name", "=", name)
      .executeTakeFirst();
  }

  async findByNameInsensitive(name: string): Promise<AreaRow | undefined> {
    return this.#db
      .selectFrom("areas")
      .select(summaryColumns)
      .where((eb) => eb(eb.fn("lower", ["areas.name"]), "=", name.toLowerCase()))
      .orderBy("areas.kind")
      .executeTakeFirst();
  }

  /** Areas with any of these cells; `created_at` tells a cached polygon from a replaced one. */
  async withCells(cells: string[]): Promise<(AreaRow & { created_at: string })[]> {
    return this.#db
      .selectFrom("areas")
      .innerJoin("area_cells", "area_cells.area_id", "areas.id")
      .select([...summaryColumns, "areas.created_at"])
      .where("area_cells.cell", "in", cells)
      .distinct()
      .execute();
  }

  async geometries(ids: string[]): Promise<{ id: string; geometry: string }[]> {
    if (ids.length === 0) return [];
    return this.#db.selectFrom("areas").select(["id", "geometry"]).where("id", "in", ids).execute();
  }

  /**
   * Other areas sharing interior cells with `areaId`, most shared first. When the area is too
   * small to have interior cells its edge cells stand in.
   */
  async overlapping(areaId: string): Promise<AreaRow[]> {
    const interior = await this.#db
      .selectFrom("area_cells")
      .select("cell")
      .where("area_id", "=", areaId)
      .where("is_edge", "=", 0)
      .execute();
    let own = this.#db.selectFrom("area_cells").select("cell").where("area_id", "=", areaId);
    if (interior.length > 0) own = own.where("is_edge", "=", 0);
    return this.#db
      .selectFrom("area_cells")
      .innerJoin("areas", "areas.id", "area_cells.area_id")
      .select(summaryColumns)
      .select((eb) => eb.fn.countAll<number | string>().as("shared"))
      .where("area_cells.cell", "in", own)
      .where("area_cells.is_edge", "=", 0)
      .where("areas.id", "!=", areaId)
      .groupBy(["areas.id", "areas.kind", "areas.name", "areas.cell_count"])
      .orderBy("shared", "desc")
      .orderBy("areas.name")
      .execute();
  }
}
