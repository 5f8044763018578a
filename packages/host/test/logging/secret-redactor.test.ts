import { describe, expect, it } from "vitest";
import { REDACTED, SecretRedactor } from "../../src/logging/secret-redactor.js";

describe("SecretRedactor", () => {
  it("replaces every occurrence of every registered value", () => {
    const redactor = new SecretRedactor();
    redactor.register("API-SECRETKEY123");
    redactor.register("tok-456");
    expect(redactor.redact("a API-SECRETKEY123 b tok-456 c API-SECRETKEY123")).toBe(
      `a ${REDACTED} b ${REDACTED} c ${REDACTED}`,
    );
  });

  it("ignores values shorter than 4 characters", () => {
    const redactor = new SecretRedactor();
    redactor.register("abc");
    redactor.register("");
    expect(redactor.size).toBe(0);
    expect(redactor.redact("abc abc")).toBe("abc abc");
  });

  it("treats regex characters literally and prefers the longest match", () => {
    const redactor = new SecretRedactor();
    redactor.register("a.b*c");
    redactor.register("a.b*c+long");
    expect(redactor.redact("x a.b*c+long y aXb*c a.b*c")).toBe(`x ${REDACTED} y aXb*c ${REDACTED}`);
  });

  it("also redacts the JSON-escaped and percent-encoded forms", () => {
    const redactor = new SecretRedactor();
    const secret = 'p"a\\ss w/rd';
    redactor.register(secret);
    expect(redactor.redact(JSON.stringify({ v: secret }))).toBe(`{"v":"${REDACTED}"}`);
    expect(redactor.redact(`https://x/?k=${encodeURIComponent(secret)}`)).toBe(`https://x/?k=${REDACTED}`);
  });

  it("redactValue deep-copies with strings and keys redacted, errors included, cycles kept", () => {
    const redactor = new SecretRedactor();
    redactor.register("hunter22");
    const error = new Error("bad hunter22", { cause: new Error("inner hunter22") });
    const input: Record<string, unknown> = {
      a: "hunter22",
      list: [1, "x hunter22", { hunter22: true }],
      error,
      date: new Date(0),
    };
    input.self = input;
    const output = redactor.redactValue(input);
    expect(output).not.toBe(input);
    expect(output.a).toBe(REDACTED);
    expect(output.list).toEqual([1, `x ${REDACTED}`, { [REDACTED]: true }]);
    expect(output.error).toBeInstanceOf(Error);
    expect((output.error as Error).message).toBe(`bad ${REDACTED}`);
    expect((output.error as Error).stack).not.toContain("hunter22");
    expect(((output.error as Error).cause as Error).message).toBe(`inner ${REDACTED}`);
    expect(output.date).toBe(input.date);
    expect(output.self).toBe(output);
    expect(input.a).toBe("hunter22");
    expect(error.message).toBe("bad hunter22");
  });
});
