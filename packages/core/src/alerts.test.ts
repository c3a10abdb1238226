import { describe, expect, it } from "vitest";
import { ALERT_TEMPLATES_EN, fillTemplate } from "./alerts.ts";

describe("alert templates", () => {
  it("fills the area, window and hotline", () => {
    expect(
      fillTemplate(ALERT_TEMPLATES_EN.kinds.rumor_false, {
        area: "60623",
        window: "today 2-4 pm",
        hotline: "1-855-435-7693",
      }),
    ).toBe(
      "FALSE: the report of immigration agents in 60623, today 2-4 pm, was checked and is not true. Please do not share it. Help: 1-855-435-7693",
    );
  });

  it("drops an empty window with its comma or brackets, and keeps unknown placeholders", () => {
    expect(
      fillTemplate("CONFIRMED: agents in {area}, {window}. Help: {hotline}", {
        area: "60623",
        window: "",
        hotline: "1-855-435-7693",
      }),
    ).toBe("CONFIRMED: agents in 60623. Help: 1-855-435-7693");
    expect(fillTemplate("在{area}（{window}）发现", { area: "60623", window: " " })).toBe(
      "在60623发现",
    );
    expect(fillTemplate("{area}: ", { area: "60623" })).toBe("60623: ");
    expect(fillTemplate("code {code}", {})).toBe("code {code}");
  });
});
