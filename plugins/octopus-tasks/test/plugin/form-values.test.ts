import { describe, expect, it } from "vitest";
import { chooseFormValue } from "../../src/tools/interruption-tools.js";
import type { InterruptionResource } from "@octopus-mcp/octopus-api";

const guidedFailure: InterruptionResource = {
  Id: "Interruptions-9",
  Type: "GuidedFailure",
  IsPending: true,
  Form: {
    Values: { Guidance: null, Notes: null },
    Elements: [
      { Name: "Notes", Control: { Type: "TextArea" } },
      {
        Name: "Guidance",
        Control: {
          Type: "SubmitButtonGroup",
          Buttons: [
            { Text: "Fail", Value: "Fail" },
            { Text: "Retry", Value: "Retry" },
            { Text: "Ignore", Value: "Ignore" },
            { Text: "Exclude machine", Value: "Exclude" },
          ],
        },
      },
    ],
  },
};

describe("chooseFormValue (guided failure form)", () => {
  it("accepts allowed values case-insensitively and maps friendly words", () => {
    expect(chooseFormValue(guidedFailure, "retry")).toEqual({ element: "Guidance", value: "Retry" });
    expect(chooseFormValue(guidedFailure, "skip")).toEqual({ element: "Guidance", value: "Ignore" });
    expect(chooseFormValue(guidedFailure, "abort")).toEqual({ element: "Guidance", value: "Fail" });
    expect(chooseFormValue(guidedFailure, "EXCLUDE")).toEqual({ element: "Guidance", value: "Exclude" });
  });

  it("rejects values the form does not offer, listing the allowed ones", () => {
    expect(() => chooseFormValue(guidedFailure, "approve")).toThrow(/allowed: Fail, Retry, Ignore, Exclude/);
  });

  it("rejects any result for a form without a choice", () => {
    expect(() => chooseFormValue({ Id: "Interruptions-1", Form: { Elements: [] } }, "Proceed")).toThrow(
      /no choice/,
    );
  });
});
