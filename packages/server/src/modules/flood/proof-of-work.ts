import { createHash } from "node:crypto";

/** Leading zero bits of SHA-256(`challenge:nonce`): the work a client proves it did. */
export function workBits(challenge: string, nonce: string): number {
  const digest = createHash("sha256").update(`${challenge}:${nonce}`).digest();
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    bits += Math.clz32(byte) - 24;
    break;
  }
  return bits;
}

/** Finds a nonce with enough zero bits (tests and the CLI; browsers do it with WebCrypto). */
export function solveProofOfWork(challenge: string, difficulty: number): string {
  for (let n = 0; ; n++) {
    if (workBits(challenge, String(n)) >= difficulty) return String(n);
  }
}
