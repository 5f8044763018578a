import { describe, expect, it } from "vitest";
import { InvalidArgumentsError } from "@octopus-mcp/core";
import {
  compact,
  decodeCursor,
  durationSeconds,
  encodeCursor,
  isoTime,
  pageInfo,
  pickFields,
  queryFingerprint,
  truncateText,
} from "../src/index.js";

describe("compact", () => {
  it("drops Links, nulls, empty arrays/strings/objects at every depth", () => {
    expect(
      compact({
        Id: "X-1",
        Links: { Self: "/x" },
        A: null,
        B: [],
        C: "",
        D: { Links: {}, E: null },
        F: [{ G: 1, H: null }, null],
        I: 0,
        J: false,
      }),
    ).toEqual({ Id: "X-1", F: [{ G: 1 }], I: 0, J: false });
  });
});

describe("times", () => {
  it("normalises Octopus offsets to UTC ISO", () => {
    expect(isoTime("2017-03-20T21:00:17.205+01:00")).toBe("2017-03-20T20:00:17.205Z");
    expect(isoTime(null)).toBeUndefined();
    expect(isoTime("garbage")).toBeUndefined();
  });

  it("computes durations in whole seconds", () => {
    expect(durationSeconds("2024-01-01T00:00:00Z", "2024-01-01T00:01:30.4Z")).toBe(90);
    expect(durationSeconds("2024-01-01T00:00:00Z", null, () => Date.parse("2024-01-01T00:00:10Z"))).toBe(10);
    expect(durationSeconds(null, "2024-01-01T00:00:00Z")).toBeUndefined();
    expect(durationSeconds("2024-01-02T00:00:00Z", "2024-01-01T00:00:00Z")).toBeUndefined();
  });
});

describe("cursor", () => {
  it("round-trips and binds to the query", () => {
    const q = queryFingerprint({ project: "a", environments: ["x"] });
    expect(queryFingerprint({ environments: ["x"], project: "a" })).toBe(q);
    const c = encodeCursor({ offset: 30, query: q });
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c, q)).toEqual({ offset: 30, query: q });
    expect(() => decodeCursor(c, queryFingerprint({ project: "b" }))).toThrow(/different set of filters/);
    expect(() => decodeCursor("!!!")).toThrow(InvalidArgumentsError);
    expect(() => decodeCursor(Buffer.from('{"o":-1}').toString("base64url"))).toThrow(InvalidArgumentsError);
  });

  it("builds page info with a next cursor until the end", () => {
    const p = pageInfo(25, 10, 10);
    expect(p.total).toBe(25);
    expect(decodeCursor(p.nextCursor ?? "").offset).toBe(20);
    expect(pageInfo(25, 20, 5).nextCursor).toBeUndefined();
  });
});

describe("pickFields / truncateText", () => {
  it("keeps selected top-level and dotted fields", () => {
    expect(
      pickFields({ id: "1", task: { state: "Success", id: "T" }, other: 2 }, ["id", "task.state", "missing"]),
    ).toEqual({
      id: "1",
      task: { state: "Success" },
    });
    expect(pickFields({ a: 1 }, [])).toEqual({ a: 1 });
  });

  it("truncates with an ellipsis", () => {
    expect(truncateText("abcdef", 4)).toBe("abc…");
    expect(truncateText("abc", 4)).toBe("abc");
    expect(truncateText("", 4)).toBeUndefined();
  });
});
