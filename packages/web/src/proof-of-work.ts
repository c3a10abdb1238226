import { api } from "./api.ts";

interface Challenge {
  mode: "off" | "proof-of-work";
  difficulty: number;
  challenge: string;
}

function zeroBits(digest: ArrayBuffer): number {
  let bits = 0;
  for (const byte of new Uint8Array(digest)) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/**
 * When the flood switch is on, solves the server's puzzle (SHA-256 with leading zero bits)
 * and returns the header that proves it; when it is off, returns no header.
 */
export async function floodProofHeaders(): Promise<Record<string, string>> {
  const { mode, difficulty, challenge } = await api<Challenge>("/api/flood/challenge");
  if (mode === "off") return {};
  const encoder = new TextEncoder();
  for (let nonce = 0; ; nonce++) {
    const digest = await crypto.subtle.digest("SHA-256", encoder.encode(`${challenge}:${nonce}`));
    if (zeroBits(digest) >= difficulty) return { "x-aviso-proof": `${challenge}.${nonce}` };
  }
}
