const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );

/** A TwiML answer: one message back to the sender, or none. */
export function twimlMessage(body: string | undefined): string {
  const message = body === undefined ? "" : `<Message>${escapeXml(body)}</Message>`;
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${message}</Response>`;
}
