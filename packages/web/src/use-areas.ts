import type { AreaKind, AreaSummary } from "@aviso/core";
import { useEffect, useState } from "react";
import { listAreas } from "./api.ts";

export type Loadable<T> =
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "ready"; value: T };

/** The areas of one kind, loaded once per kind. */
export function useAreas(kind: AreaKind): Loadable<AreaSummary[]> {
  const [result, setResult] = useState<Loadable<AreaSummary[]>>({ state: "loading" });
  useEffect(() => {
    const controller = new AbortController();
    setResult({ state: "loading" });
    listAreas(kind, controller.signal).then(
      (value) => setResult({ state: "ready", value }),
      (error: Error) => {
        if (!controller.signal.aborted) setResult({ state: "error", message: error.message });
      },
    );
    return () => controller.abort();
  }, [kind]);
  return result;
}
