import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { validate as validateHostConfig } from "../../src/json-schema/generated/host-config-validator.js";
import { hostConfigValidatorSource } from "../../src/json-schema/host-config-validator-source.js";
import { metaSchemaErrors } from "../../src/json-schema/meta-schema.js";
import { metaSchemaValidatorSource } from "../../src/json-schema/meta-schema-validator-source.js";
import { strictSchemaRulesSource } from "../../src/json-schema/strict-schema-rules-source.js";

const generated = (name: string) =>
  fileURLToPath(new URL(`../../src/json-schema/generated/${name}`, import.meta.url));
type Validator = ((value: unknown) => boolean) & {
  errors?: { instancePath: string; keyword: string }[] | null;
};

describe.each([
  ["host-config-validator.ts", hostConfigValidatorSource],
  ["meta-schema-validator.ts", metaSchemaValidatorSource],
  ["strict-schema-rules.ts", strictSchemaRulesSource],
])("generated/%s", (file, source) => {
  it("matches its source (UPDATE_SCHEMA=1 regenerates it)", async () => {
    const expected = source();
    if (process.env.UPDATE_SCHEMA === "1") await writeFile(generated(file), expected);
    // Compared as text: a schema or Ajv change without regeneration fails here, not in production.
    expect(await readFile(generated(file), "utf8")).toBe(expected);
  });
});

describe("precompiled host config validator", () => {
  it("applies defaults and coerces interpolated strings in place", () => {
    const config: Record<string, unknown> = { http: { timeoutMs: "2500" }, plugins: [] };
    expect((validateHostConfig as Validator)(config)).toBe(true);
    expect((config.http as Record<string, unknown>).timeoutMs).toBe(2500);
    expect(config.logging).toMatchObject({ level: "info" });
  });

  it("reports every error with its instance path and keyword", () => {
    const validate = validateHostConfig as Validator;
    expect(validate({ plugins: [{ package: "a", path: "b" }], unknownKey: 1 })).toBe(false);
    const found = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(found).toContain(" additionalProperties");
    expect(found).toContain("/plugins/0 oneOf");
  });
});

describe("metaSchemaErrors", () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const cases: [string, unknown][] = [
    ["valid object schema", { type: "object", properties: { a: { type: "string", minLength: 1 } } }],
    ["unknown type deep inside ($dynamicRef)", { type: "object", properties: { a: { type: "strin" } } }],
    ["negative minLength", { properties: { a: { minLength: -1 } } }],
    ["required not an array", { type: "object", required: "a" }],
    ["boolean schema", true],
    ["declared 2020-12 dialect", { $schema: "https://json-schema.org/draft/2020-12/schema", type: 3 }],
  ];

  it.each(cases)("agrees with Ajv's own meta-schema validation: %s", (_name, schema) => {
    const expected = ajv.validateSchema(schema as object) ? [] : ajv.errors;
    expect(metaSchemaErrors(schema)).toEqual(expected);
  });

  it("leaves other dialects to Ajv", () => {
    expect(
      metaSchemaErrors({ $schema: "http://json-schema.org/draft-07/schema#", type: "object" }),
    ).toBeUndefined();
  });
});
