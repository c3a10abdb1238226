import nodemailer, { type Transporter } from "nodemailer";
import { ChannelError, type MessageChannel, type OutgoingMessage } from "../channel.ts";

/**
 * Email over SMTP (nodemailer, pooled connections): a plain-text and an HTML part, and the
 * headers the message carries (List-Unsubscribe for one-click unsubscribe). A 4xx answer or a
 * lost connection is retryable; a 5xx refusal is not.
 */
export class EmailChannel implements MessageChannel {
  readonly name = "smtp";
  readonly #transport: Transporter;
  readonly #from: string;
  constructor(options: { smtpUrl: string; from: string }) {
    const url = options.smtpUrl;
    this.#transport = nodemailer.createTransport(`${url}${url.includes("?") ? "&" : "?"}pool=true`);
    this.#from = options.from;
  }

  async send(message: OutgoingMessage): Promise<{ providerId: string }> {
    try {
      const info = await this.#transport.sendMail({
        from: this.#from,
        to: message.to,
        subject: message.subject ?? "Aviso",
        text: message.body,
        ...(message.html ? { html: message.html } : {}),
        ...(message.headers ? { headers: message.headers } : {}),
      });
      return { providerId: info.messageId };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      if (typeof code === "number") throw new ChannelError(`smtp-${code}`, code < 500);
      throw new ChannelError("smtp-connection", true);
    }
  }

  close(): void {
    this.#transport.close();
  }
}
