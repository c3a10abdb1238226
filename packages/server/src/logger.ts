import { isIPv6 } from "node:net";
import pino, { type DestinationStream, type Logger } from "pino";

const SENSITIVE_KEY =
  /^(phone|phones|email|emails|to|from|body|messageBody|message_body|contact|name|names|address|ip|ips|remoteAddress|remotePort|x-forwarded-for|x-real-ip|authorization|cookie|set-cookie|password|token|otp|FromCity|FromState|FromZip|FromCountry|ToCity|ToState|ToZip|ToCountry)$/i;
const EMAIL = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[a-z]{2,}/gi;
const PHONE_LIKE = /\+?\d[\d\s().-]{6,}\d/g;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const IPV6_CANDIDATE = /[0-9a-f:.]*:[0-9a-f:.]*:[0-9a-f:.]*/gi;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/**
 * Removes what looks like an email, a phone number (10–15 digits) or an IP address from text.
 * UUIDs (request and row ids) are left whole: a run of their all-digit groups is no phone
 * number, and cut into "[phone]" the id no longer finds its request.
 */
export function scrubText(text: string): string {
  const rest = text
    .replace(EMAIL, "[email]")
    .replace(IPV4, "[ip]")
    .replace(IPV6_CANDIDATE, (match) => (isIPv6(match) ? "[ip]" : match));
  let scrubbed = "";
  let from = 0;
  for (const id of rest.matchAll(UUID)) {
    scrubbed += scrubPhones(rest.slice(from, id.index)) + id[0];
    from = id.index + id[0].length;
  }
  return scrubbed + scrubPhones(rest.slice(from));
}

function scrubPhones(text: string): string {
  return text.replace(PHONE_LIKE, (match) => {
    const digits = match.replace(/\D/g, "").length;
    return digits >= 10 && digits <= 15 ? "[phone]" : match;
  });
}

/** Deep copy of a log record with sensitive keys censored and personal-looking text scrubbed. */
export function scrubForLog(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => scrubForLog(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SENSITIVE_KEY.test(key) ? "[redacted]" : scrubForLog(item, depth + 1);
  }
  return out;
}

export interface LoggerOptions {
  level: string;
  /** Log the client address of each request (off by default: it can locate a resident). */
  logClientIps?: boolean;
  /** Where records go; stdout by default. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
}

interface RequestLike {
  id?: unknown;
  method?: string;
  url?: string;
  ip?: string;
}

/** Requests are logged by method and path only: a query string can carry a place or a number. */
function serializeRequest(request: RequestLike, withClient: boolean) {
  return {
    id: request.id,
    method: request.method,
    path: request.url?.split("?")[0],
    ...(withClient ? { client: request.ip } : {}),
  };
}

/**
 * The process logger. Every record passes through {@link scrubForLog}: logs never carry phone
 * numbers, emails, message bodies or client IPs, whatever a caller hands them.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Serializing happens in the formatter below; these identities stop Fastify from adding
      // its own request serializer (with the client address) after it.
      serializers: {
        req: (value: unknown) => value,
        res: (value: unknown) => value,
        err: (value: unknown) => value,
      },
      formatters: {
        // Runs before pino's serializers, so it serializes requests, replies and errors itself
        // and then scrubs the whole record: nothing reaches the log unscrubbed.
        log: (record) => {
          const out: Record<string, unknown> = { ...record };
          if (record.req)
            out.req = serializeRequest(record.req as RequestLike, options.logClientIps === true);
          if (record.res)
            out.res = { statusCode: (record.res as { statusCode?: number }).statusCode };
          if (record.err instanceof Error) out.err = pino.stdSerializers.err(record.err);
          const scrubbed = scrubForLog(out) as Record<string, unknown>;
          // The one opt-in exception: an operator who asked for client addresses gets them.
          const client = (out.req as { client?: unknown } | undefined)?.client;
          if (client !== undefined) (scrubbed.req as Record<string, unknown>).client = client;
          return scrubbed;
        },
      },
      hooks: {
        logMethod(args, method) {
          // `log.error(err)`: pino would take the message from the error unscrubbed.
          if (args[0] instanceof Error && typeof args[1] !== "string") {
            args = [{ err: args[0] }, args[0].message, ...args.slice(1)] as unknown as typeof args;
          }
          const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}
