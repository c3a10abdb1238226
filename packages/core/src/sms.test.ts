import { describe, expect, it } from "vitest";
import { countSmsSegments } from "./sms.ts";

describe("countSmsSegments", () => {
  it("fits 160 GSM-7 characters in one segment and splits at 153 after that", () => {
    expect(countSmsSegments("a".repeat(160))).toMatchObject({
      encoding: "GSM-7",
      segments: 1,
      remaining: 0,
    });
    expect(countSmsSegments("a".repeat(161))).toMatchObject({ segments: 2, remaining: 306 - 161 });
    expect(countSmsSegments("a".repeat(307))).toMatchObject({ segments: 3 });
  });

  it("counts extension characters twice", () => {
    expect(countSmsSegments("€".repeat(80))).toMatchObject({
      encoding: "GSM-7",
      units: 160,
      segments: 1,
    });
    expect(countSmsSegments("€".repeat(81))).toMatchObject({ segments: 2 });
  });

  it("keeps Spanish ñ, é, ¿ and ¡ in GSM-7 but not á, í, ó, ú", () => {
    expect(countSmsSegments("¿Año? ¡Sí, é!").encoding).toBe("UCS-2");
    expect(countSmsSegments("¿Año? ¡é!").encoding).toBe("GSM-7");
    const accented = countSmsSegments("Llame a la línea");
    expect(accented).toMatchObject({ encoding: "UCS-2", nonGsmCharacters: ["í"] });
  });

  it("uses UCS-2 limits of 70 and 67 for other scripts", () => {
    expect(countSmsSegments("ح".repeat(70))).toMatchObject({ encoding: "UCS-2", segments: 1 });
    expect(countSmsSegments("ح".repeat(71))).toMatchObject({ segments: 2 });
    expect(countSmsSegments("你好".repeat(40))).toMatchObject({ segments: 2 }); // 80 units
  });
});
