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
