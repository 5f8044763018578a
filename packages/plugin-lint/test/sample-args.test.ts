import { describe, expect, it } from "vitest";
import { sampleArguments } from "../src/dynamic/sample-args.js";

describe("sampleArguments", () => {
  it("builds schema-valid arguments from required properties, enums, formats and bounds", () => {
    expect(
      sampleArguments({
        type: "object",
        additionalProperties: false,
        required: ["state", "email", "take", "ids", "when", "space"],
        properties: {
          state: { type: "string", enum: ["Failed", "Success"] },
          email: { type: "string", format: "email" },
          take: { type: "integer", minimum: 5, maximum: 10 },
          ids: { type: "array", minItems: 2, items: { type: "string", pattern: "^Projects-\\d+$" } },
          when: { type: "string", format: "date-time" },
          space: { anyOf: [{ type: "null" }, { type: "string", minLength: 6 }] },
          optional: { type: "string" },
        },
      }),
    ).toEqual({
      state: "Failed",
      email: "lint@example.com",
      take: 5,
      ids: ["Projects-1", "Projects-1"],
      when: "2024-01-01T00:00:00Z",
      space: "Spaces-1",
    });
  });

  it("uses Octopus-shaped IDs by property name so plugins' own ID checks accept them", () => {
    expect(
      sampleArguments({
        type: "object",
        required: ["task", "interruption", "release"],
        properties: {
          task: { type: "string", minLength: 1 },
          interruption: { type: "string" },
          release: { type: "string", pattern: "^\\d+\\.\\d+\\.\\d+$" },
        },
      }),
    ).toEqual({ task: "ServerTasks-1", interruption: "Interruptions-1", release: "1.0.0" });
  });

  it("returns undefined when no valid value can be built", () => {
    expect(
      sampleArguments({
        type: "object",
        required: ["id"],
        properties: { id: { type: "string", pattern: "^zz\\d{7}q$" } },
      }),
    ).toBeUndefined();
    expect(sampleArguments(true)).toBeUndefined();
  });
});
