import { describe, expect, it } from "vitest";
import { isOctopusMcpError } from "@octopus-mcp/core";
import { checkRelease, throttled } from "../src/typed-errors.js";

function bodyOf(fn: () => void) {
  try {
    fn();
  } catch (error) {
    if (isOctopusMcpError(error)) return error.toBody();
    throw error;
  }
  throw new Error("expected a typed error");
}

describe("typed errors example", () => {
  it("maps each failure to its structured body", () => {
    expect(bodyOf(() => checkRelease("x", [], false))).toMatchObject({
      error: "invalid_arguments",
      violations: [{ path: "/version", rule: "pattern" }],
    });
    expect(bodyOf(() => checkRelease("1.0.0", ["0.9.0"], false))).toMatchObject({
      error: "not_found",
      message: "Release 1.0.0 does not exist. Latest: 0.9.0.",
    });
    expect(bodyOf(() => checkRelease("1.0.0", ["1.0.0"], true))).toEqual({
      success: false,
      error: "conflict",
      message: "Release 1.0.0 is being deployed; try again later.",
      retry_after: 30,
    });
    expect(bodyOf(() => throttled(60))).toEqual({
      success: false,
      error: "rate_limit",
      message: "Octopus rate limit reached; retry in 60 s.",
      retry_after: 60,
    });
    expect(() => checkRelease("1.0.0", ["1.0.0"], false)).not.toThrow();
  });
});
