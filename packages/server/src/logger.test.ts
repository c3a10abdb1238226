import { describe, expect, it } from "vitest";
import { createCapturedLogger } from "../test/factories.ts";
import { scrubText } from "./logger.ts";

describe("log redaction", () => {
  it("scrubs phone numbers, emails and IP addresses from text but keeps dates and counts", () => {
    expect(scrubText("call +1 (312) 555-0123 or 312.555.0199")).toBe("call [phone] or [phone]");
    expect(scrubText("from ana.lopez@example.org")).toBe("from [email]");
    expect(scrubText("client 203.0.113.9 and 2001:db8::1:2:3")).not.toMatch(
      /203\.0\.113\.9|2001:db8/,
    );
    expect(scrubText("on 2026-11-28, 77 areas, 1234 cells")).toBe(
      "on 2026-11-28, 77 areas, 1234 cells",
    );
  });

  it("keeps request ids whole, even with all-digit groups, and still scrubs a number beside one", () => {
    const id = "3368fb14-9f12-4123-4567-8901b641bd09";
    expect(scrubText(`request ${id} done`)).toBe(`request ${id} done`);
    expect(scrubText(`${id}:+13125550123 and 12345678-1234-4234-8234-123456789012`)).toBe(
      `${id}:[phone] and 12345678-1234-4234-8234-123456789012`,
    );
    // Without the UUID's shape, the same digits are still a phone number.
    expect(scrubText("ref 9f12-4123-4567-8901b641")).toBe("ref 9f[phone]b641");
  });

  it("never writes personal fields or message bodies, whatever the caller logs", () => {
    const log = createCapturedLogger();
    log.logger.info(
      {
        phone: "+13125550123",
        Body: "ICE at 26th and Pulaski",
        FromZip: "60623",
        nested: { email: "a@b.co" },
      },
      "sms from +13125550123",
    );
    log.logger.error(new Error("delivery to maria@example.org failed"));
    const text = log.text();
    for (const secret of ["3125550123", "Pulaski", "60623", "a@b.co", "maria@example.org"]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("[redacted]");
    expect(text).toContain("delivery to [email] failed");
  });
});
