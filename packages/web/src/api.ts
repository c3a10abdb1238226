import type { AreaKind, AreaSummary } from "@aviso/core";

/** Fetches JSON from our own API; throws with the server's error message when it answers one. */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, {
    signal: signal ?? null,
    headers: { accept: "application/json" },
  });
  const body = (await response.json().catch(() => undefined)) as
    | (T & { error?: { message?: string } })
    | undefined;
  if (!response.ok) throw new Error(body?.error?.message ?? `Request failed (${response.status})`);
  return body as T;
}

export const listAreas = (kind: AreaKind, signal?: AbortSignal) =>
  getJson<{ areas: AreaSummary[] }>(`/api/areas?kind=${kind}`, signal).then((r) => r.areas);
