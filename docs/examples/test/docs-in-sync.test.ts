// The docs' code blocks are copies of type-checked files, and the config reference in
// operators.md is generated from the host config schema. Rewrite both with:
//   UPDATE_DOCS=1 npx vitest run --project docs-examples test/docs-in-sync.test.ts
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderConfigReference } from "../tools/config-reference.js";
import { includedFiles, syncDoc } from "../tools/doc-sync.js";

const docsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const schemaFile = path.resolve(docsDir, "../packages/host/schema/host-config.schema.json");
const DOCS = ["plugin-authoring.md", "principles.md", "operators.md"];

describe("docs stay in sync with their sources", () => {
  for (const doc of DOCS) {
    it(`${doc}: code blocks match docs/examples files, generated sections match their source`, () => {
      const file = path.join(docsDir, doc);
      const current = readFileSync(file, "utf8");
      const expected = syncDoc(current, docsDir, schemaFile);
      if (process.env.UPDATE_DOCS === "1" && expected !== current) writeFileSync(file, expected);
      else
        expect(current, `${doc} is stale: run UPDATE_DOCS=1 npx vitest run --project docs-examples`).toBe(
          expected,
        );
      for (const included of includedFiles(current))
        expect(existsSync(path.join(docsDir, included))).toBe(true);
    });
  }

  it("plugin-authoring.md includes every example source file", () => {
    const included = new Set(DOCS.flatMap((d) => includedFiles(readFileSync(path.join(docsDir, d), "utf8"))));
    for (const f of [
      "examples/src/hello-plugin.ts",
      "examples/src/class-handler.ts",
      "examples/src/typed-errors.ts",
      "examples/test/hello-plugin.test.ts",
    ]) {
      expect(included.has(f), f).toBe(true);
    }
  });

  it("the config reference covers every top-level key and caller-tenant key of the schema", () => {
    const schema = JSON.parse(readFileSync(schemaFile, "utf8")) as {
      properties: Record<string, unknown>;
      $defs: { callerTenant: { properties: Record<string, unknown> } };
    };
    const reference = renderConfigReference(schema);
    for (const key of Object.keys(schema.properties).filter((k) => k !== "$schema")) {
      expect(reference).toContain(`| \`${key}\` |`);
    }
    for (const key of Object.keys(schema.$defs.callerTenant.properties))
      expect(reference).toContain(`| \`${key}\` |`);
    expect(reference).toContain("| `tenants` | map of [callerTenant]");
  });
});
