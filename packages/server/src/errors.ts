/** HTTP-free categories of failure; the HTTP layer maps each to one status. */
export type ErrorKind =
  | "invalid"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_large"
  | "rate_limited"
  | "unavailable";

/** The one error type services throw. `code` is stable and documented; `message` is for people. */
export class AppError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: unknown;
  constructor(kind: ErrorKind, code: string, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.kind = kind;
    this.code = code;
    this.details = details;
  }
}

export const invalid = (code: string, message: string, details?: unknown) =>
  new AppError("invalid", code, message, details);
export const notFound = (code: string, message: string) => new AppError("not_found", code, message);
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError("conflict", code, message, details);
export const unavailable = (code: string, message: string) =>
  new AppError("unavailable", code, message);

export const isAppError = (value: unknown): value is AppError => value instanceof AppError;
export const forbidden = (code: string, message: string) =>
  new AppError("forbidden", code, message);
