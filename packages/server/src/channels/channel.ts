/** One way a message leaves Aviso. Every provider sits behind this; each has its own rate. */
export interface MessageChannel {
  readonly name: string;
  /** Sends one message; resolves with the provider's id for it. */
  send(message: OutgoingMessage): Promise<{ providerId: string }>;
}

/** One message to one contact. Email uses `subject`, `html` and `headers`; SMS only `body`. */
export interface OutgoingMessage {
  channel: "sms" | "email" | "push";
  /** E.164, an email address, or a push subscription's JSON. */
  to: string;
  body: string;
  subject?: string;
  html?: string;
  headers?: Record<string, string>;
  /** Push: the page a notification opens. */
  url?: string;
  /** What the message is about (an alert's id), named in the provider's receipt for it. */
  reference?: string;
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

/** The contact no longer exists (a push subscription the browser dropped: 404/410). */
export class ContactGoneError extends ChannelError {
  constructor(code: string) {
    super(code, false);
    this.name = "ContactGoneError";
  }
}
