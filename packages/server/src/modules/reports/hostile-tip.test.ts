import { describe, expect, it } from "vitest";
import { screenReportText } from "./hostile-tip.ts";

describe("hostile-tip screening", () => {
  it("lets ordinary sightings through unflagged", () => {
    for (const text of [
      "Three unmarked SUVs and about eight agents in vests outside the Home Depot on Cicero Ave",
      "Agentes con chalecos que dicen POLICE ICE en la esquina de 26th St y Pulaski",
      "Two agents at 3100 W 26th Street stopping cars, green uniforms",
      "Border Patrol van parked by Piotrowski Park since 6am",
    ]) {
      expect(screenReportText(text), text).toEqual([]);
    }
  });

  it("flags someone's status, a request to report a person, and a name with an address", () => {
    expect(screenReportText("my neighbor is undocumented")).toEqual([
      "mentions-immigration-status",
    ]);
    expect(screenReportText("ella no tiene papeles")).toEqual(["mentions-immigration-status"]);
    expect(screenReportText("I want to report my tenant")).toEqual(["asks-to-report-a-person"]);
    expect(screenReportText("quiero denunciar a mi vecino")).toEqual(["asks-to-report-a-person"]);
    expect(screenReportText("Jose Ramirez, 2451 S Kedzie Ave apt 3")).toEqual([
      "names-a-person-with-an-address",
    ]);
    expect(
      screenReportText("Maria Lopez lives at 1820 W Cermak Rd, she is illegal, deport her"),
    ).toEqual([
      "mentions-immigration-status",
      "asks-to-report-a-person",
      "names-a-person-with-an-address",
    ]);
  });
});
