import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, matchTotp, totpCode, totpStep } from "./totp.ts";

// RFC 6238 appendix B, SHA-1 seed "12345678901234567890" (8-digit codes; we use the last 6).
const RFC_SECRET = base32Encode(Buffer.from("12345678901234567890"));

describe("TOTP", () => {
  it("matches the RFC 6238 test vectors", () => {
    expect(totpCode(RFC_SECRET, totpStep(new Date(59_000)))).toBe("287082");
    expect(totpCode(RFC_SECRET, totpStep(new Date(1_111_111_109_000)))).toBe("081804");
    expect(totpCode(RFC_SECRET, totpStep(new Date(2_000_000_000_000)))).toBe("279037");
  });

  it("accepts one step of drift and nothing further, and names the step matched", () => {
    const at = new Date(1_800_000_000_000);
    const step = totpStep(at);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 1), at)).toBe(step - 1);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 1), at)).toBe(step + 1);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 3), at)).toBeUndefined();
    expect(matchTotp(RFC_SECRET, "12345", at)).toBeUndefined();
    expect(matchTotp(RFC_SECRET, "abcdef", at)).toBeUndefined();
  });

  it("round-trips base32", () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255, 17, 99]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(() => base32Decode("not base32!")).toThrow();
  });
});
