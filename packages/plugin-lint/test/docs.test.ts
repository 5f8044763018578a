/** docs/plugin-lint.md documents every rule of the catalogue under its own heading. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../src/rules.js";
import { REPO } from "./helpers.js";

describe("docs/plugin-lint.md", () => {
  it("has a `#### <rule ID>` entry with a failing and a passing example for every rule", () => {
    const doc = readFileSync(path.join(REPO, "docs", "plugin-lint.md"), "utf8");
    const sections = new Map(
      doc
        .split(/^#### /m)
        .slice(1)
        .map((s) => [s.split("\n")[0]!.trim(), s] as const),
    );
    const missing = RULES.map((r) => r.id).filter((id) => !sections.has(id));
    expect(missing).toEqual([]);
    for (const id of ["L-PIN-1", "L-FLOW-1"]) {
      const section = sections.get(id)!;
      expect(section).toContain(`*${RULES.find((r) => r.id === id)!.severity}, static.*`);
      expect(section).toContain("**Why:**");
      expect(section).toContain("Failing:");
      expect(section).toContain("Passing:");
    }
  });
});
