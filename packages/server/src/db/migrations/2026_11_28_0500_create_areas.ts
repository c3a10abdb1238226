import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("areas")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("code", "text")
    .addColumn("geometry", "text", (c) => c.notNull())
    .addColumn("cell_count", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("areas_kind_name_unique", ["kind", "name"])
    .execute();
  await db.schema
    .createTable("area_cells")
    .addColumn("area_id", "text", (c) => c.notNull().references("areas.id").onDelete("cascade"))
    .addColumn("cell", "text", (c) => c.notNull())
    .addColumn("is_edge", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("area_cells_pk", ["area_id", "cell"])
    .execute();
  await db.schema.createIndex("area_cells_cell_idx").on("area_cells").column("cell").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("area_cells").execute();
  await db.schema.dropTable("areas").execute();
}
