import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { container, inject, injectable } from "tsyringe";
import {
  annotationsFor,
  ConflictError,
  CredentialNotFoundError,
  InvalidArgumentsError,
  isOctopusMcpError,
  isToolHandlerClass,
  NotFoundError,
  RateLimitError,
  TOKENS,
} from "../src/index.js";

describe("typed errors", () => {
  it("map to the structured error body", () => {
    expect(new RateLimitError("Octopus rate limit reached; retry in 60 s.", 60).toBody()).toEqual({
      success: false,
      error: "rate_limit",
      message: "Octopus rate limit reached; retry in 60 s.",
      retry_after: 60,
    });
    expect(new NotFoundError("No project named x.", { details: { didYouMean: ["y"] } }).toBody()).toEqual({
      success: false,
      error: "not_found",
      message: "No project named x.",
      details: { didYouMean: ["y"] },
    });
    expect(
      new InvalidArgumentsError("bad", [
        { path: "/take", rule: "maximum", message: "must be <= 100" },
      ]).toBody(),
    ).toMatchObject({ error: "invalid_arguments", violations: [{ path: "/take", rule: "maximum" }] });
    expect(new ConflictError("busy", 5).toBody().retry_after).toBe(5);
  });

  it("name the credential ID but never a value", () => {
    const error = new CredentialNotFoundError("octopus-prod", "acme");
    expect(error.code).toBe("unauthorized");
    expect(error.message).toContain('"octopus-prod"');
    expect(error.message).toContain('"acme"');
  });

  it("are recognised structurally and not confused with plain errors", () => {
    expect(isOctopusMcpError(new NotFoundError("x"))).toBe(true);
    expect(isOctopusMcpError(new Error("x"))).toBe(false);
    expect(isOctopusMcpError({ code: "not_found" })).toBe(false);
  });
});

describe("annotationsFor", () => {
  it("derives hints from access and lets explicit ones win", () => {
    expect(annotationsFor("read")).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    expect(annotationsFor("delete")).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(annotationsFor("write", { idempotentHint: true })).toMatchObject({
      readOnlyHint: false,
      idempotentHint: true,
    });
  });
});

describe("class handlers", () => {
  it("are told apart from functions and resolve with explicit @inject under Vitest", () => {
    @injectable()
    class Handler {
      constructor(@inject(TOKENS.PluginConfig) readonly config: { greeting: string }) {}
      handle() {
        return { greeting: this.config.greeting };
      }
    }
    const child = container.createChildContainer();
    child.register(TOKENS.PluginConfig, { useValue: { greeting: "hello" } });
    expect(isToolHandlerClass(Handler)).toBe(true);
    expect(isToolHandlerClass(() => 1)).toBe(false);
    expect(child.resolve(Handler).handle()).toEqual({ greeting: "hello" });
  });
});
