import formbody from "@fastify/formbody";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { isValidTwilioSignature } from "../../channels/sms/twilio-signature.ts";
import { twimlMessage } from "../../channels/sms/twiml.ts";
import { AppError } from "../../errors.ts";
import type { SmsInboundService } from "./sms-inbound.service.ts";

/** Where Twilio reports the caller's location: dropped before anything is stored or logged. */
const LOCATION_FIELDS = /^(From|To)(City|State|Zip|Country)$/;

export const SMS_INBOUND_PATH = "/api/sms/twilio/inbound";
export const SMS_STATUS_PATH = "/api/sms/twilio/status";

/**
 * A delivery receipt: the provider's message id, the alert its callback URL names, the number
 * it went to (found again by its blind index, never stored from here), and how it ended.
 */
export interface SmsReceipt {
  providerId: string;
  alertId: string;
  to: string;
  status: "delivered" | "failed";
  error: string | null;
}

/** Twilio's message statuses that end a delivery; the others (queued, sent…) change nothing. */
const FINAL_STATUS: Record<string, "delivered" | "failed"> = {
  delivered: "delivered",
  undelivered: "failed",
  failed: "failed",
};

/**
 * Twilio's inbound SMS webhook. Every request must carry a valid X-Twilio-Signature for this
 * deployment's public URL; otherwise it is refused with 403 and nothing is read or stored.
 */
export function smsRoutes(
  sms: SmsInboundService,
  receipts: (receipt: SmsReceipt) => Promise<number>,
  options: { authToken: string | undefined; publicUrl: string },
): FastifyPluginAsyncZod {
  /** Refuses (403, nothing read or stored) a request not signed by Twilio for this URL. */
  const verifyTwilio = (body: Record<string, string>, signature: unknown, path: string) => {
    if (!options.authToken) {
      throw new AppError(
        "forbidden",
        "SMS_NOT_CONFIGURED",
        "Twilio webhooks are off: AVISO_TWILIO_AUTH_TOKEN is not set",
      );
    }
    const url = `${options.publicUrl}${path}`;
    if (
      !isValidTwilioSignature(
        options.authToken,
        url,
        body,
        typeof signature === "string" ? signature : undefined,
      )
    ) {
      throw new AppError(
        "forbidden",
        "TWILIO_SIGNATURE_INVALID",
        "The X-Twilio-Signature does not match this request",
      );
    }
  };
  return async (app) => {
    await app.register(formbody);
    app.post(
      SMS_INBOUND_PATH,
      {
        schema: {
          tags: ["sms"],
          summary: "Twilio inbound SMS webhook (form-encoded); answers TwiML",
          body: z.record(z.string(), z.string()),
        },
        // Twilio calls from a few addresses for everyone; the signature, not the address, guards this.
        config: { rateLimit: false },
      },
      async (request, reply) => {
        verifyTwilio(request.body, request.headers["x-twilio-signature"], SMS_INBOUND_PATH);
        const fields = Object.fromEntries(
          Object.entries(request.body).filter(([key]) => !LOCATION_FIELDS.test(key)),
        );
        const answer = await sms.handle(fields.From ?? "", fields.Body ?? "");
        return reply.type("text/xml; charset=utf-8").send(twimlMessage(answer));
      },
    );
    app.post(
      SMS_STATUS_PATH,
      {
        schema: {
          tags: ["sms"],
          summary: "Twilio message status callback (form-encoded): delivery receipts",
          body: z.record(z.string(), z.string()),
        },
        config: { rateLimit: false },
      },
      async (request, reply) => {
        // Signed over the URL Twilio was given, with the alert it names (`?ref=`).
        verifyTwilio(request.body, request.headers["x-twilio-signature"], request.url);
        const status = FINAL_STATUS[request.body.MessageStatus ?? ""];
        const sid = request.body.MessageSid ?? request.body.SmsSid ?? "";
        const { ref } = request.query as Record<string, unknown>;
        const alertId = typeof ref === "string" ? ref : null;
        const to = request.body.To ?? "";
        if (status && sid && alertId && to) {
          const code = request.body.ErrorCode ? `twilio-${request.body.ErrorCode}` : null;
          await receipts({
            providerId: sid,
            alertId,
            to,
            status,
            error: status === "failed" ? (code ?? "undelivered") : null,
          });
        }
        return reply.status(204).send();
      },
    );
  };
}
