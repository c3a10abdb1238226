import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, type ErrorKind, isAppError } from "../errors.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** What a 413 says on this route, naming what its size limit is for. */
    tooLargeMessage?: string;
  }
}

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

/** Fastify's own request errors, named in our words. */
const FASTIFY_CODES: Record<string, { kind: ErrorKind; code: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { kind: "invalid", code: "INVALID_JSON" },
  FST_ERR_CTP_EMPTY_JSON_BODY: { kind: "invalid", code: "EMPTY_JSON_BODY" },
  FST_ERR_CTP_BODY_TOO_LARGE: { kind: "too_large", code: "BODY_TOO_LARGE" },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { kind: "invalid", code: "UNSUPPORTED_MEDIA_TYPE" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { kind: "invalid", code: "INVALID_CONTENT_LENGTH" },
};

/** Converts whatever was thrown into an AppError, or undefined for an unexpected failure. */
function toAppError(error: unknown): AppError | undefined {
  if (isAppError(error)) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext ?? "request";
    const fields = error.validation.map((issue) => ({
      field: issue.instancePath.replace(/^\//, "").replaceAll("/", ".") || where,
      message: issue.message ?? "is invalid",
    }));
    return new AppError(
      "invalid",
      "VALIDATION_FAILED",
      `Invalid ${where}: ${fields.map((f) => `${f.field}: ${f.message}`).join("; ")}`,
      { in: where, fields },
    );
  }
  const fastifyError = error as Partial<FastifyError>;
  const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (known) return new AppError(known.kind, known.code, fastifyError.message ?? known.code);
  if (typeof fastifyError.statusCode === "number" && fastifyError.statusCode < 500) {
    return new AppError("invalid", "BAD_REQUEST", fastifyError.message ?? "Bad request");
  }
  return undefined;
}

/** The one error handler: `{ error: { code, message, details }, requestId }` for every failure. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    let appError = toAppError(error);
    // A route that takes big bodies (a report with a photo) says what the limit is about.
    const tooLargeMessage = request.routeOptions.config?.tooLargeMessage;
    if (appError?.code === "BODY_TOO_LARGE" && tooLargeMessage)
      appError = new AppError("too_large", "BODY_TOO_LARGE", tooLargeMessage);
    if (!appError) {
      request.log.error({ err: error }, "unexpected error");
      return reply.status(500).send({
        error: {
          code: "INTERNAL",
          message: "Something went wrong on our side. It has been logged.",
        },
        requestId: request.id,
      });
    }
    const status =
      (error as Partial<FastifyError>).code === "FST_ERR_CTP_INVALID_MEDIA_TYPE"
        ? 415
        : STATUS[appError.kind];
    return reply.status(status).send({
      error: { code: appError.code, message: appError.message, details: appError.details },
      requestId: request.id,
    });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: {
        code: "ROUTE_NOT_FOUND",
        message: `No route ${request.method} ${request.url.split("?")[0]}`,
      },
      requestId: request.id,
    }),
  );
}
