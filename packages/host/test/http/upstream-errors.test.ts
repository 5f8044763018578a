import { describe, expect, it } from "vitest";
import { buildRequestUrl, parseRetryAfterMs } from "../../src/http/request-url.js";
import { errorForResponse, isHtml, upstreamMessage } from "../../src/http/upstream-errors.js";

describe("upstreamMessage", () => {
  it("reads Octopus, Argo CD and generic error bodies", () => {
    expect(upstreamMessage({ ErrorMessage: "Bad", Errors: ["a", "b"] })).toBe("Bad: a; b");
    expect(upstreamMessage({ ErrorMessage: "", Errors: ["only"] })).toBe("only");
    expect(upstreamMessage({ ErrorMessage: "Plain." })).toBe("Plain.");
    expect(upstreamMessage({ code: 5, error: "app x not found", message: "app x not found" })).toBe(
      "app x not found",
    );
    expect(upstreamMessage({ detail: "problem+json detail" })).toBe("problem+json detail");
    expect(upstreamMessage("  text error  ")).toBe("text error");
    expect(upstreamMessage("<html>")).toBeUndefined();
    expect(upstreamMessage(42)).toBeUndefined();
    expect(upstreamMessage("x".repeat(600))).toHaveLength(501);
  });
});

describe("isHtml", () => {
  it("recognises HTML by content type or content", () => {
    expect(isHtml("text/html; charset=utf-8", "")).toBe(true);
    expect(isHtml(null, "\n<!DOCTYPE html><html></html>")).toBe(true);
    expect(isHtml("text/plain", "<html lang=en>")).toBe(true);
    expect(isHtml("application/json", '{"a":"<html>"}')).toBe(false);
  });
});

describe("errorForResponse", () => {
  const where = { upstream: "Octopus", method: "GET", path: "/api/x" };
  it("keeps retry_after on 429, 503 and 409", () => {
    for (const status of [429, 503, 409]) {
      const error = errorForResponse(
        { status, contentType: null, body: undefined, retryAfterSeconds: 7 },
        where,
      );
      expect(error.toBody().retry_after).toBe(7);
    }
  });
  it("maps 410 to not_found, 408 to timeout, 412 to conflict, other 4xx to invalid_arguments", () => {
    const code = (status: number) =>
      errorForResponse({ status, contentType: null, body: undefined, retryAfterSeconds: undefined }, where)
        .code;
    expect([410, 408, 412, 418, 422].map(code)).toEqual([
      "not_found",
      "timeout",
      "conflict",
      "invalid_arguments",
      "invalid_arguments",
    ]);
  });
});

describe("request URL helpers", () => {
  it("parses Retry-After seconds and HTTP-dates", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfterMs("3", now)).toBe(3000);
    expect(parseRetryAfterMs("Thu, 01 Jan 2026 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfterMs("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
  });
  it("refuses non-http URLs", () => {
    expect(() => buildRequestUrl("ftp://x/")).toThrow(/http and https/);
    expect(buildRequestUrl("https://x/a", { q: [1, true] }).search).toBe("?q=1&q=true");
  });
});
