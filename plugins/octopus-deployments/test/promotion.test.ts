import { describe, expect, it } from "vitest";
import { nextPromotion } from "../src/promotion.js";

const phases = [
  { Name: "Dev", AutomaticDeploymentTargets: ["E1"] },
  { Name: "Test", OptionalDeploymentTargets: ["E2"] },
  { Name: "Preview", OptionalDeploymentTargets: ["E5"], IsOptionalPhase: true },
  { Name: "Prod", OptionalDeploymentTargets: ["E3", "E4"], MinimumEnvironmentsBeforePromotion: 1 },
];

describe("nextPromotion", () => {
  it("starts with the first phase", () => {
    expect(nextPromotion(phases, new Set())).toEqual({ phase: "Dev", environmentIds: ["E1"] });
  });

  it("moves to the first incomplete phase, optional phases included while not skipped", () => {
    expect(nextPromotion(phases, new Set(["E1"]))).toEqual({ phase: "Test", environmentIds: ["E2"] });
    expect(nextPromotion(phases, new Set(["E1", "E2"]))).toEqual({
      phase: "Preview",
      environmentIds: ["E5"],
    });
  });

  it("treats a skipped optional phase as passed and honours the phase minimum", () => {
    expect(nextPromotion(phases, new Set(["E1", "E2", "E3"]))).toEqual({
      phase: undefined,
      environmentIds: [],
    });
    expect(nextPromotion(phases, new Set(["E1", "E2", "E5"]))).toEqual({
      phase: "Prod",
      environmentIds: ["E3", "E4"],
    });
  });
});
