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

/**
 * Twilio's inbound SMS webhook. Every request must carry a valid X-Twilio-Signature for this
 * deployment's public URL; otherwise it is refused with 403 and nothing is read or stored.
 */
export function smsRoutes(
  sms: SmsInboundService,
  options: { authToken: string | undefined; publicUrl: string },
): FastifyPluginAsyncZod {
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
        if (!options.authToken) {
          throw new AppError(
            "forbidden",
            "SMS_NOT_CONFIGURED",
            "Twilio webhooks are off: AVISO_TWILIO_AUTH_TOKEN is not set",
          );
        }
        const signature = request.headers["x-twilio-signature"];
        const url = `${options.publicUrl}${SMS_INBOUND_PATH}`;
        if (
          !isValidTwilioSignature(
            options.authToken,
            url,
            request.body,
            typeof signature === "string" ? signature : undefined,
          )
        ) {
          throw new AppError(
            "forbidden",
            "TWILIO_SIGNATURE_INVALID",
            "The X-Twilio-Signature does not match this request",
          );
        }
        const fields = Object.fromEntries(
          Object.entries(request.body).filter(([key]) => !LOCATION_FIELDS.test(key)),
        );
        const answer = await sms.handle(fields.From ?? "", fields.Body ?? "");
        return reply.type("text/xml; charset=utf-8").send(twimlMessage(answer));
      },
    );
  };
}
