import { describe, expect, it } from "vitest";
import { cloneArguments } from "../../src/host/clone-arguments.js";

describe("cloneArguments", () => {
  it("deep-copies JSON values: equal, but no object shared with the input", () => {
    const input = { a: 1, nested: { list: [1, { b: "x" }], empty: {} }, s: "t", n: null, f: false };
    const copy = cloneArguments(input);
    expect(copy).toEqual(input);
    expect(copy).not.toBe(input);
    expect(copy.nested).not.toBe(input.nested);
    expect(copy.nested.list).not.toBe(input.nested.list);
    expect(copy.nested.list[1]).not.toBe(input.nested.list[1]);
    (copy.nested.list[1] as { b: string }).b = "changed";
    expect((input.nested.list[1] as { b: string }).b).toBe("x");
  });

  it("keeps a JSON '__proto__' key as an own data property and never changes the copy's prototype", () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const copy = cloneArguments(input);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__", "a"]);
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(copy, "__proto__")?.value).toEqual({ polluted: true });
  });

  it("copies null-prototype objects as plain objects (as structuredClone does)", () => {
    const input = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    const copy = cloneArguments(input);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy).toEqual({ a: 1 });
  });

  it("hands anything else to structuredClone (Date, Map), so in-process callers get the same result", () => {
    const when = new Date("2026-01-02T03:04:05Z");
    const input = { when, map: new Map([["k", 1]]) };
    const copy = cloneArguments(input);
    expect(copy.when).toBeInstanceOf(Date);
    expect(copy.when).not.toBe(when);
    expect(copy.when.getTime()).toBe(when.getTime());
    expect(copy.map.get("k")).toBe(1);
  });

  it("survives a cycle (only possible in-process) without overflowing the stack", () => {
    const input: Record<string, unknown> = { a: 1 };
    input.self = input;
    const copy = cloneArguments(input);
    expect(copy.a).toBe(1);
    expect(copy.self).not.toBe(input);
  });
});
