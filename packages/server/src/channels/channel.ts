/** One way a message leaves Aviso. Every provider sits behind this; each has its own rate. */
export interface MessageChannel {
  readonly name: string;
  /** Sends one message; resolves with the provider's id for it. `to` is E.164 or an email. */
  send(message: {
    channel: "sms" | "email";
    to: string;
    body: string;
  }): Promise<{ providerId: string }>;
}

/**
 * A provider refused or failed a message. `retryable`: try again later (429, 5xx, network);
 * otherwise the message can never be sent as it is (a bad number, an opted-out number).
 * `code` is short and safe to store and log: an HTTP status and the provider's error code.
 */
export class ChannelError extends Error {
  readonly retryable: boolean;
  readonly code: string;
  constructor(code: string, retryable: boolean) {
    super(`channel error ${code}`);
    this.name = "ChannelError";
    this.code = code;
    this.retryable = retryable;
  }
}
