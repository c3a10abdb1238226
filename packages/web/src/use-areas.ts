import type { AreaKind, AreaSummary } from "@aviso/core";
import { listAreas } from "./api.ts";
import { type Loadable, useLoad } from "./use-load.ts";

export type { Loadable };

/** The areas of one kind, loaded once per kind. */
export function useAreas(kind: AreaKind): Loadable<AreaSummary[]> {
  return useLoad((signal) => listAreas(kind, signal), kind)[0];
}
