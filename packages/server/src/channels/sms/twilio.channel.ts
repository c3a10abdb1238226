import { ChannelError, type MessageChannel, type OutgoingMessage } from "../channel.ts";

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  /** A sending number (E.164) or a Messaging Service SID (MG…). */
  from: string;
  /** Where Twilio's REST API is; a local Twilio-compatible server in tests and benches. */
  apiUrl: string;
  /** Where Twilio posts delivery receipts (the signed status webhook). */
  statusCallbackUrl: string;
  /** A message not delivered within this many seconds is dropped by Twilio, not sent late. */
  validitySeconds: number;
  /** A request with no answer after this long fails, to be retried (default 15 s). */
  timeoutMs?: number;
}

/**
 * SMS over Twilio's REST API (Messages resource). A 429 or 5xx, or no answer, is retryable;
 * any other refusal (a bad number, an opted-out number) is not.
 */
export class TwilioChannel implements MessageChannel {
  readonly name = "twilio";
  readonly #options: TwilioOptions;
  readonly #url: string;
  readonly #auth: string;
  constructor(options: TwilioOptions) {
    this.#options = options;
    this.#url = `${options.apiUrl.replace(/\/$/, "")}/2010-04-01/Accounts/${options.accountSid}/Messages.json`;
    this.#auth = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString("base64")}`;
  }

  async send(message: OutgoingMessage): Promise<{ providerId: string }> {
    // A timer raced against the request, not an AbortSignal: fetch follows a signal with a
    // controller, a listener and a finalizer per request, which cost a sender ~10 % of its
    // rate (measured against the same loop with none). A request given up on is left to end
    // on its own; its socket is not reused until it does.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ChannelError("network", true)),
        this.#options.timeoutMs ?? 15_000,
      );
    });
    const sending = this.#post(message);
    sending.catch(() => {}); // its failure after the timeout has nobody to tell
    try {
      return await Promise.race([sending, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async #post(message: OutgoingMessage): Promise<{ providerId: string }> {
    const form = new URLSearchParams({
      To: message.to,
      Body: message.body,
      // The receipt names the alert, so it finds its delivery by key (see the status webhook).
      StatusCallback: message.reference
        ? `${this.#options.statusCallbackUrl}?ref=${encodeURIComponent(message.reference)}`
        : this.#options.statusCallbackUrl,
      ValidityPeriod: String(this.#options.validitySeconds),
    });
    form.set(
      this.#options.from.startsWith("MG") ? "MessagingServiceSid" : "From",
      this.#options.from,
    );
    let response: Response;
    try {
      response = await fetch(this.#url, {
        method: "POST",
        headers: {
          authorization: this.#auth,
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        },
        body: form,
      });
    } catch {
      throw new ChannelError("network", true);
    }
    const body = (await response.json().catch(() => ({}))) as { sid?: string; code?: number };
    if (response.ok && body.sid) return { providerId: body.sid };
    const code = `http-${response.status}${body.code ? `-${body.code}` : ""}`;
    throw new ChannelError(code, response.status === 429 || response.status >= 500);
  }
}
