import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../fixtures/seeded-random.js";
import { validate as validateHostConfig } from "../../src/json-schema/generated/host-config-validator.js";
import {
  hostConfigValidatorSource,
  withOptionalSectionsHoisted,
} from "../../src/json-schema/host-config-validator-source.js";
import { hostConfigSchema } from "../../src/config/host-config-schema.js";
import { createConfigAjv } from "../../src/config/schema-issues.js";
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

describe("optional config sections hoisted into $defs", () => {
  const hoisted = withOptionalSectionsHoisted(hostConfigSchema);
  const properties = hoisted.properties as Record<string, Record<string, unknown>>;

  it("references every object section without a default, and leaves defaulted ones in place", () => {
    expect(properties.auth).toEqual({ $ref: "#/$defs/section_auth" });
    expect(properties.audit).toEqual({ $ref: "#/$defs/section_audit" });
    expect((properties.server?.properties as Record<string, unknown>).http).toEqual({
      $ref: "#/$defs/section_server_http",
    });
    expect(properties.logging).toMatchObject({ type: "object", default: {} });
    // The source schema is not changed.
    expect((hostConfigSchema.properties as Record<string, unknown>).auth).toMatchObject({ type: "object" });
  });

  const configs: [string, Record<string, unknown>, boolean][] = [
    ["defaults only", {}, true],
    [
      "every optional section, valid, with strings to coerce",
      {
        server: { http: { host: "127.0.0.1", port: "8080", mode: "stateful" } },
        auth: {
          jwt: { issuer: "https://id.example.com", audience: "api", jwksUrl: "https://id.example.com/jwks" },
          scopesSupported: ["a"],
        },
        audit: { stream: "stderr" },
        tenants: { acme: { octopus: { serverUrl: "https://octopus.example.com", credentialId: "octo" } } },
      },
      true,
    ],
    [
      "errors inside optional sections",
      {
        server: { http: { port: 70000, extra: 1 } },
        auth: { jwt: { issuer: 5, algorithms: ["HS256"] }, resource: "not a uri" },
        audit: { stream: "stdin" },
        tenants: { acme: { octopus: { serverUrl: 3 }, bogus: {} } },
      },
      false,
    ],
  ];

  it.each(configs)("validates, defaults and coerces as the schema itself: %s", (_name, config, valid) => {
    const original = createConfigAjv({ strictRequired: false }).compile(hostConfigSchema);
    const rewritten = createConfigAjv({ strictRequired: false, inlineRefs: false }).compile(hoisted);
    const a = structuredClone(config);
    const b = structuredClone(config);
    const errorKeys = (errors: typeof original.errors) =>
      (errors ?? []).map((e) => [e.instancePath, e.keyword, e.message, e.params]).sort();
    expect(rewritten(b)).toBe(valid);
    expect(original(a)).toBe(valid);
    expect(b).toEqual(a);
    if (!valid) expect(rewritten.errors?.length).toBeGreaterThan(5);
    expect(errorKeys(rewritten.errors)).toEqual(errorKeys(original.errors));
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

  it("agrees with Ajv on 400 generated schemas: the same verdict and errors, each error once", () => {
    const key = (e: { instancePath: string; keyword: string; message?: string; params: unknown }) =>
      JSON.stringify([e.instancePath, e.keyword, e.message, e.params]);
    let refused = 0;
    for (const schema of randomMetaSchemaInputs(20261207, 400)) {
      const valid = ajv.validateSchema(schema as object) as boolean;
      // (Ajv leaves the previous call's errors in place when a boolean schema is valid.)
      const expected = valid ? [] : [...new Set((ajv.errors ?? []).map(key))].sort();
      const found = (metaSchemaErrors(schema) ?? []).map(key);
      expect({ schema, valid: found.length === 0, errors: [...found].sort() }).toEqual({
        schema,
        valid,
        errors: expected,
      });
      expect(new Set(found).size).toBe(found.length);
      if (!valid) refused++;
    }
    // The generator must exercise both outcomes.
    expect(refused).toBeGreaterThan(100);
    expect(refused).toBeLessThan(350);
  });

  it("reports a wrongly typed subschema once (Ajv's own reports it once per vocabulary)", () => {
    expect(metaSchemaErrors({ type: "object", properties: { a: 5 } })).toMatchObject([
      { instancePath: "/properties/a", keyword: "type", params: { type: ["object", "boolean"] } },
    ]);
  });

  it("leaves other dialects to Ajv", () => {
    expect(
      metaSchemaErrors({ $schema: "http://json-schema.org/draft-07/schema#", type: "object" }),
    ).toBeUndefined();
  });
});

/**
 * A seeded generator of schema-like values: 2020-12 keywords with well-typed and wrongly typed
 * values (negative lengths, strings for arrays, bad type names, non-schemas where schemas go),
 * nested up to three levels, so the meta-schema both accepts and refuses many of them.
 */
function randomMetaSchemaInputs(seed: number, count: number): unknown[] {
  const { next: rnd, pick, chance } = seededRandom(seed);
  const scalar = () => pick<unknown>([0, 1, -1, 2.5, "", "a", "string", "#", "^a", true, false, null]);
  const schemaMap = (depth: number) => ({ a: gen(depth + 1), ...(chance(0.3) ? { b: gen(depth + 1) } : {}) });
  const schemaList = (depth: number) => [gen(depth + 1), ...(chance(0.3) ? [gen(depth + 1)] : [])];
  // For each keyword, a well-typed value (usually) or a wrongly typed one.
  const keywords: Record<string, (depth: number) => unknown> = {
    type: () => pick(["string", "object", "strin", ["string", "null"], ["string", "string"], [], 3]),
    properties: schemaMap,
    patternProperties: schemaMap,
    $defs: schemaMap,
    definitions: schemaMap,
    dependentSchemas: schemaMap,
    additionalProperties: (depth) => gen(depth + 1),
    items: (depth) => (chance(0.8) ? gen(depth + 1) : schemaList(depth)),
    prefixItems: (depth) => (chance(0.8) ? schemaList(depth) : gen(depth + 1)),
    contains: (depth) => gen(depth + 1),
    not: (depth) => gen(depth + 1),
    if: (depth) => gen(depth + 1),
    then: (depth) => gen(depth + 1),
    unevaluatedProperties: (depth) => gen(depth + 1),
    allOf: schemaList,
    anyOf: (depth) => (chance(0.8) ? schemaList(depth) : []),
    oneOf: schemaList,
    required: () => pick([["a"], ["a", "a"], "a", [1], []]),
    enum: () => pick([["a", 1], [], "a", [null]]),
    const: scalar,
    minLength: () => pick([0, 1, -1, 1.5, "1"]),
    maxItems: () => pick([0, 3, -2, "x"]),
    minimum: () => pick([0, -5, 1.5, "0"]),
    multipleOf: () => pick([2, 0, -1, 0.5]),
    uniqueItems: () => pick([true, "yes"]),
    pattern: () => pick(["^a", 5]),
    format: () => pick(["date-time", "nope", 3]),
    dependentRequired: () => pick([{ a: ["b"] }, { a: "b" }, { a: [1] }]),
    title: () => pick(["t", 3]),
    description: () => pick(["d", ["d"]]),
    default: scalar,
    deprecated: () => pick([true, "no"]),
    examples: () => pick([[1], 1]),
    $id: () => pick(["https://example.com/s", 5, "#frag"]),
    $ref: () => pick(["#/$defs/a", 5]),
    $anchor: () => pick(["a1", "1bad"]),
    $comment: () => pick(["c", 1]),
    contentMediaType: () => pick(["application/json", 1]),
    dependencies: (depth) => pick([{ a: ["b"] }, { a: gen(depth + 1) }, { a: 3 }]),
  };
  const names = Object.keys(keywords);
  const gen = (depth: number): unknown => {
    if (depth > 2 || chance(0.15))
      return chance(0.8) ? pick<unknown>([true, false, {}, { type: "string" }]) : scalar();
    const s: Record<string, unknown> = {};
    const n = 1 + Math.floor(rnd() * 3);
    for (let i = 0; i < n; i++) {
      const name = pick(names);
      s[name] = keywords[name]!(depth);
    }
    return s;
  };
  return Array.from({ length: count }, () => gen(0));
}
