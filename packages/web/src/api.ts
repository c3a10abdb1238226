import type { AreaKind, AreaSummary } from "@aviso/core";

/** An error the API answered, with its stable code. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let csrfToken = "";
/** The session's CSRF token, sent with every change (set once the session is known). */
export const setCsrfToken = (token: string) => {
  csrfToken = token;
};

/** Calls our own API; throws ApiError with the server's message when it answers an error. */
export async function api<T>(
  url: string,
  init: {
    method?: string;
    body?: unknown;
    signal?: AbortSignal;
    headers?: Record<string, string>;
  } = {},
): Promise<T> {
  const method = init.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json", ...init.headers };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  const response = await fetch(url, {
    method,
    headers,
    credentials: "same-origin",
    signal: init.signal ?? null,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const body = (await response.json().catch(() => undefined)) as
    | (T & { error?: { code?: string; message?: string } })
    | undefined;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      body?.error?.code ?? "HTTP_ERROR",
      body?.error?.message ?? `Request failed (${response.status})`,
    );
  }
  return body as T;
}

export const getJson = <T>(url: string, signal?: AbortSignal) =>
  api<T>(url, signal ? { signal } : {});

export const listAreas = (kind: AreaKind, signal?: AbortSignal) =>
  getJson<{ areas: AreaSummary[] }>(`/api/areas?kind=${kind}`, signal).then((r) => r.areas);

/** What to tell a person about a failed call. */
export const errorMessage = (caught: unknown) =>
  caught instanceof Error ? caught.message : "Something went wrong. Try again.";
