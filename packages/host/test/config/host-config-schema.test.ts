import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { hostConfigSchema } from "../../src/config/host-config-schema.js";

const publishedFile = fileURLToPath(new URL("../../schema/host-config.schema.json", import.meta.url));

function walk(
  node: unknown,
  path: string,
  visit: (schema: Record<string, unknown>, path: string) => void,
): void {
  if (typeof node !== "object" || node === null) return;
  if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${path}/${i}`, visit));
  const schema = node as Record<string, unknown>;
  visit(schema, path);
  for (const keyword of ["properties", "$defs"]) {
    const children = schema[keyword] as Record<string, unknown> | undefined;
    for (const [name, child] of Object.entries(children ?? {}))
      walk(child, `${path}/${keyword}/${name}`, visit);
  }
  for (const keyword of ["items", "additionalProperties"]) walk(schema[keyword], `${path}/${keyword}`, visit);
}

describe("host config schema", () => {
  it("is published verbatim in schema/host-config.schema.json (UPDATE_SCHEMA=1 rewrites it)", async () => {
    if (process.env.UPDATE_SCHEMA === "1") {
      await writeFile(publishedFile, `${JSON.stringify(hostConfigSchema, null, 2)}\n`);
    }
    expect(JSON.parse(await readFile(publishedFile, "utf8"))).toEqual(hostConfigSchema);
  });

  it("is a valid 2020-12 schema", () => {
    const ajv = new Ajv2020({ strict: false });
    expect(ajv.validateSchema(hostConfigSchema)).toBe(true);
  });

  it("describes every property and closes every object except plugin-defined ones", () => {
    const undescribed: string[] = [];
    const open: string[] = [];
    walk(hostConfigSchema, "#", (schema, path) => {
      if (/\/properties\/[^/]+$/.test(path) && typeof schema.description !== "string") undescribed.push(path);
      if (schema.type === "object" && schema.additionalProperties === undefined) open.push(path);
    });
    expect(undescribed).toEqual([]);
    // Plugin-defined sections are validated by each plugin's own configSchema.
    expect(open).toEqual([
      "#/$defs/callerTenant/properties/plugins/additionalProperties",
      "#/$defs/pluginEntry/properties/config",
    ]);
  });
});
