import { describe, expect, it } from "vitest";
import { InvalidArgumentsError, NotFoundError } from "@octopus-mcp/core";
import { editDistance, resolveByIdOrName, suggestNames } from "../src/index.js";

const projects = [
  { Id: "Projects-1", Name: "Checkout", Slug: "checkout" },
  { Id: "Projects-2", Name: "Payments API", Slug: "payments-api" },
  { Id: "Projects-3", Name: "payments api", Slug: "payments-api-2" },
  { Id: "Projects-4", Name: "Inventory", Slug: "inventory" },
];

describe("editDistance", () => {
  it("computes Levenshtein distances", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abc", "abc")).toBe(0);
    expect(editDistance("checkout", "chekcout")).toBe(2);
  });
});

describe("suggestNames", () => {
  it("ranks close names first and drops distant ones", () => {
    expect(suggestNames("Chekout", ["Checkout", "Inventory", "Checkouts"])).toEqual([
      "Checkout",
      "Checkouts",
    ]);
    expect(suggestNames("zzz", ["Checkout"])).toEqual([]);
  });
});

describe("resolveByIdOrName", () => {
  it("matches ID, exact name, slug, then case-insensitively", () => {
    expect(resolveByIdOrName(projects, "projects-4", { kind: "project" }).Name).toBe("Inventory");
    expect(resolveByIdOrName(projects, "Payments API", { kind: "project" }).Id).toBe("Projects-2");
    expect(resolveByIdOrName(projects, "payments api", { kind: "project" }).Id).toBe("Projects-3");
    expect(resolveByIdOrName(projects, "checkout", { kind: "project" }).Id).toBe("Projects-1");
    expect(resolveByIdOrName(projects, "INVENTORY", { kind: "project" }).Id).toBe("Projects-4");
  });

  it("reports ambiguous case-insensitive matches", () => {
    const error = (() => {
      try {
        resolveByIdOrName(projects, "PAYMENTS API", { kind: "project" });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidArgumentsError);
    expect((error as Error).message).toContain("ambiguous");
    expect((error as Error).message).toContain("Projects-2");
    expect((error as Error).message).toContain("Projects-3");
  });

  it("throws NotFoundError with did-you-mean suggestions", () => {
    try {
      resolveByIdOrName(projects, "Chekout", { kind: "project", scope: 'space "Default"' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NotFoundError);
      expect((e as NotFoundError).message).toBe(
        'No project "Chekout" in space "Default". Did you mean "Checkout" (Projects-1)?',
      );
      expect((e as NotFoundError).details).toEqual({ suggestions: [{ id: "Projects-1", name: "Checkout" }] });
    }
  });

  it("rejects empty input", () => {
    expect(() => resolveByIdOrName(projects, "  ", { kind: "project" })).toThrow(InvalidArgumentsError);
  });
});
