import { describe, expect, it } from "vitest";
import { canMoveIncident, INCIDENT_STATUSES } from "./status.ts";

describe("incident status", () => {
  it("allows the verification path and nothing that skips closing before reopening", () => {
    expect(canMoveIncident("reported", "dispatched")).toBe(true);
    expect(canMoveIncident("verifying", "confirmed")).toBe(true);
    expect(canMoveIncident("confirmed", "closed")).toBe(true);
    expect(canMoveIncident("closed", "reopened")).toBe(true);
    expect(canMoveIncident("closed", "confirmed")).toBe(false);
    expect(canMoveIncident("false_report", "confirmed")).toBe(false);
    for (const status of INCIDENT_STATUSES) expect(canMoveIncident(status, status)).toBe(false);
  });
});
