/**
 * Table types. Timestamps are ISO-8601 UTC text and flags are 0/1 integers on both dialects,
 * so feature code never branches on the database. Columns ending in `_enc` hold field
 * ciphertext (see crypto/field-crypto.ts); `_index` columns hold keyed blind indexes.
 */
export interface AreasTable {
  id: string;
  kind: string;
  name: string;
  /** The identifier in the source data (community area number, ZIP, ward number). */
  code: string | null;
  geometry: string;
  cell_count: number;
  created_at: string;
}

export interface AreaCellsTable {
  area_id: string;
  cell: string;
  /** 1 when only the area's boundary touches the cell, 0 when the cell's centre is inside. */
  is_edge: number;
}

export interface StaffUsersTable {
  id: string;
  role: string;
  status: string;
  email_enc: string;
  email_index: string;
  name_enc: string;
  created_at: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  areas: AreasTable;
  area_cells: AreaCellsTable;
  staff_users: StaffUsersTable;
  meta: MetaTable;
}
