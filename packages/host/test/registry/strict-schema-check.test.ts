import { describe, expect, it } from "vitest";
import { seededRandom } from "../fixtures/seeded-random.js";
import { createStrictAjv } from "../../src/registry/strict-ajv.js";
import { checkSchemaStrictness } from "../../src/registry/strict-schema-check.js";
import { StrictSchemas, strictSchemaRulesTable } from "../../src/registry/strict-schemas.js";

/** Whether the host's strict Ajv compiles `schema` (the reference the start-up check stands in for). */
function ajvCompiles(schema: unknown, ajv = createStrictAjv()): boolean {
  try {
    ajv.compile(schema as object);
    return true;
  } catch {
    return false;
  }
}

const d = (extra: Record<string, unknown> = {}) => ({ description: "x", ...extra });
const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: "object",
  properties,
  additionalProperties: false,
  ...extra,
});

/** Schemas Ajv compiles, as tools write them (zod output, nullable unions, refs, tuples...). */
const compiling: Record<string, unknown> = {
  "plain object": obj({ q: d({ type: "string", minLength: 1, maxLength: 200, pattern: "^[a-z]+$" }) }),
  "enum without type": obj({ kind: d({ enum: ["a", "b"] }) }),
  "nullable union": obj({ n: d({ type: ["string", "null"], format: "date-time" }) }),
  "integer with number keywords": obj({ n: d({ type: "integer", minimum: 0, multipleOf: 2 }) }),
  "defaults outside composites": obj({ n: d({ type: "integer", default: 10 }) }),
  "nested arrays": obj({
    items: d({ type: "array", minItems: 1, uniqueItems: true, items: obj({ id: d({ type: "string" }) }) }),
  }),
  "full tuple": obj({
    pair: d({
      type: "array",
      prefixItems: [{ type: "string" }, { type: "number" }],
      minItems: 2,
      items: false,
    }),
  }),
  "local $ref to $defs": {
    type: "object",
    $defs: { Env: { type: "string", description: "Env", minLength: 1 } },
    properties: { env: { $ref: "#/$defs/Env" } },
    additionalProperties: false,
  },
  "zod-style definitions ref": {
    type: "object",
    definitions: { S: { type: "object", properties: { a: d({ type: "string" }) }, required: ["a"] } },
    properties: { s: { $ref: "#/definitions/S", description: "S" } },
  },
  "anyOf with own types": obj({ v: d({ anyOf: [{ type: "string", minLength: 1 }, { type: "integer" }] }) }),
  "allOf with required declared earlier": {
    type: "object",
    allOf: [{ properties: { a: { type: "string" } } }, { required: ["a"] }],
  },
  "if/then/else": {
    type: "object",
    properties: { k: { type: "string" }, v: { type: "string" } },
    if: { properties: { k: { const: "x" } } },
    then: { properties: { v: { type: "string", minLength: 1 } }, required: ["v"] },
  },
  "contains with bounds": obj({ a: d({ type: "array", contains: { type: "string" }, minContains: 1 }) }),
  "patternProperties not matching properties": {
    type: "object",
    properties: { name: { type: "string" } },
    patternProperties: { "^x-": { type: "string" } },
  },
  propertyNames: { type: "object", propertyNames: { pattern: "^[a-z]+$" } },
  "formats from ajv-formats": obj({
    u: d({ type: "string", format: "uri" }),
    e: d({ type: "string", format: "email" }),
    i: d({ type: "string", format: "uuid" }),
  }),
  "dependentSchemas and unevaluated": {
    type: "object",
    properties: { a: { type: "string" }, b: { type: "string" } },
    dependentSchemas: { a: { required: ["b"] } },
    unevaluatedProperties: false,
  },
  "boolean subschemas": { type: "object", properties: { a: true, b: false } },
  "if whose then/else accept anything (Ajv does not compile the if)": {
    type: "number",
    if: { type: "string" },
    then: { description: "anything" },
  },
  "patternProperties accepting anything next to additionalProperties (skipped by Ajv)": {
    type: "object",
    properties: { ab: { type: "string" } },
    additionalProperties: false,
    patternProperties: { "^a": true },
  },
  "annotations only": obj({ any: { description: "anything", title: "Any", examples: [1] } }),
};

/** Schemas Ajv refuses to compile, with where the start-up check must point and what it must say. */
const refused: Record<string, { schema: unknown; pointer: string; reason: string }> = {
  "unknown keyword (typo)": {
    schema: obj({ q: d({ type: "string", maxLenght: 3 }) }),
    pointer: "/inputSchema/properties/q/maxLenght",
    reason: 'strict mode: unknown keyword: "maxLenght"',
  },
  "unknown keyword in an array item": {
    schema: obj({ a: d({ type: "array", items: { type: "string", optional: true } }) }),
    pointer: "/inputSchema/properties/a/items/optional",
    reason: 'unknown keyword: "optional"',
  },
  "unknown format": {
    schema: obj({ t: d({ type: "string", format: "timestamp" }) }),
    pointer: "/inputSchema/properties/t/format",
    reason: 'unknown format "timestamp" ignored in schema',
  },
  "meta-schema: wrong value type": {
    schema: obj({ q: d({ type: "string", minLength: "3" }) }),
    pointer: "/inputSchema/properties/q/minLength",
    reason: "schema is invalid: must be integer",
  },
  "meta-schema: unknown type name": {
    schema: obj({ q: d({ type: "strin" }) }),
    pointer: "/inputSchema/properties/q/type",
    reason: "schema is invalid: must be equal to one of the allowed values",
  },
  "invalid regular expression": {
    schema: obj({ q: d({ type: "string", pattern: "([a-z" }) }),
    pointer: "/inputSchema/properties/q/pattern",
    reason: "Invalid regular expression: /([a-z/u",
  },
  "invalid regular expression as a patternProperties key": {
    schema: { type: "object", patternProperties: { "([a-z": { type: "string" } } },
    pointer: "/inputSchema/patternProperties/([a-z",
    reason: "Invalid regular expression",
  },
  "$anchor (Ajv 2020 does not know the keyword)": {
    schema: {
      type: "object",
      $defs: { n: { $anchor: "num", type: "number" } },
      properties: { n: { $ref: "#num" } },
    },
    pointer: "/inputSchema/$defs/n/$anchor",
    reason: 'unknown keyword: "$anchor"',
  },
  "strictRequired: then requires a property declared only on the parent": {
    schema: {
      type: "object",
      properties: { k: { type: "string" }, v: { type: "string" } },
      if: { properties: { k: { const: "x" } } },
      then: { required: ["v"] },
    },
    pointer: "/inputSchema/then/required/0",
    reason: 'required property "v" is not defined',
  },
  "strictTypes: keyword without its type": {
    schema: obj({ q: d({ minLength: 1 }) }),
    pointer: "/inputSchema/properties/q/minLength",
    reason: 'missing type "string" for keyword "minLength"',
  },
  "strictTypes: keyword of another type": {
    schema: obj({ n: d({ type: "integer", maxLength: 3 }) }),
    pointer: "/inputSchema/properties/n/maxLength",
    reason: 'missing type "string" for keyword "maxLength"',
  },
  "strictTypes: branch type outside the context": {
    schema: obj({ v: d({ type: "string", anyOf: [{ type: "integer" }] }) }),
    pointer: "/inputSchema/properties/v/anyOf/0/type",
    reason: 'type "integer" not allowed by context "string"',
  },
  "strictRequired: required property of a nested object not declared": {
    schema: { type: "object", properties: { o: { type: "object", properties: {}, required: ["x"] } } },
    pointer: "/inputSchema/properties/o/required/0",
    reason: 'required property "x" is not defined',
  },
  "strictRequired: required in anyOf, properties on the parent": {
    schema: { type: "object", properties: { a: { type: "string" } }, anyOf: [{ required: ["a"] }] },
    pointer: "/inputSchema/anyOf/0/required/0",
    reason: 'required property "a" is not defined',
  },
  "strictTuples: open tuple": {
    schema: obj({ p: d({ type: "array", prefixItems: [{ type: "string" }] }) }),
    pointer: "/inputSchema/properties/p/prefixItems",
    reason: '"prefixItems" is 1-tuple',
  },
  "default at the schema root": {
    schema: { type: "object", properties: {}, default: {} },
    pointer: "/inputSchema/default",
    reason: "default is ignored in the schema root",
  },
  "default under anyOf": {
    schema: { type: "object", anyOf: [{ properties: { a: { type: "string", default: "x" } } }] },
    pointer: "/inputSchema/anyOf/0/properties/a/default",
    reason: "default is ignored",
  },
  "if checked once then can fail": {
    schema: { type: "number", if: { type: "string" }, then: { minimum: 1 } },
    pointer: "/inputSchema/if/type",
    reason: 'type "string" not allowed by context "number"',
  },
  "if without then/else": {
    schema: { type: "object", if: { properties: {} } },
    pointer: "/inputSchema/if",
    reason: '"if" without "then" and "else" is ignored',
  },
  "then without if": {
    schema: { type: "object", then: { properties: {} } },
    pointer: "/inputSchema/then",
    reason: '"then" without "if" is ignored',
  },
  "maxContains without contains": {
    schema: obj({ a: d({ type: "array", maxContains: 2 }) }),
    pointer: "/inputSchema/properties/a/maxContains",
    reason: '"maxContains" without "contains" is ignored',
  },
  "unresolvable $ref": {
    schema: obj({ a: { $ref: "#/$defs/Missing", description: "A" } }),
    pointer: "/inputSchema/properties/a/$ref",
    reason: "can't resolve reference #/$defs/Missing",
  },
  "problem inside a referenced $def": {
    schema: {
      type: "object",
      $defs: { E: { type: "string", minimum: 1 } },
      properties: { e: { $ref: "#/$defs/E" } },
    },
    pointer: "/inputSchema/$defs/E/minimum",
    reason: 'missing type "number" for keyword "minimum"',
  },
  "patternProperties matching a declared property": {
    schema: { type: "object", properties: { xa: { type: "string" } }, patternProperties: { "^x": {} } },
    pointer: "/inputSchema/patternProperties/^x",
    reason: "property xa matches pattern ^x",
  },
  "empty enum": {
    schema: obj({ k: d({ enum: [] }) }),
    pointer: "/inputSchema/properties/k/enum",
    reason: "enum must have non-empty array",
  },
  "another dialect": {
    schema: { $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties: {} },
    pointer: "/inputSchema/$schema",
    reason: 'no schema with key or ref "http://json-schema.org/draft-07/schema#"',
  },
};

describe("checkSchemaStrictness (start-up stand-in for compiling under the strict Ajv)", () => {
  it.each(Object.entries(compiling))("finds nothing where Ajv compiles: %s", (_name, schema) => {
    expect(ajvCompiles(schema)).toBe(true);
    expect(checkSchemaStrictness(StrictSchemas.generated(), schema, "/inputSchema")).toEqual([]);
  });

  it.each(Object.entries(refused))(
    "reports what Ajv refuses, at the keyword: %s",
    (_name, { schema, pointer, reason }) => {
      expect(ajvCompiles(schema)).toBe(false);
      const violations = checkSchemaStrictness(StrictSchemas.generated(), schema, "/inputSchema");
      expect(violations.length).toBeGreaterThan(0);
      expect(violations[0]).toMatchObject({ pointer, rule: "schema-compiles" });
      expect(violations[0]?.message).toMatch(
        /^does not compile under Ajv strict mode \(JSON Schema 2020-12\): /,
      );
      expect(violations[0]?.message).toContain(reason);
    },
  );

  it("lists every problem of a schema, not only the first one Ajv would throw", () => {
    const violations = checkSchemaStrictness(
      StrictSchemas.generated(),
      obj({ a: d({ type: "string", maxLenght: 1 }), b: d({ type: "string", format: "nope" }) }),
      "/outputSchema",
    );
    expect(violations.map((v) => v.pointer)).toEqual([
      "/outputSchema/properties/a/maxLenght",
      "/outputSchema/properties/b/format",
    ]);
  });

  it("never throws on shapes that are not schemas", () => {
    const strict = StrictSchemas.generated();
    expect(checkSchemaStrictness(strict, "object", "/inputSchema")).toMatchObject([
      { pointer: "/inputSchema", rule: "schema-compiles" },
    ]);
    expect(
      checkSchemaStrictness(strict, { type: "object", properties: [] }, "/inputSchema")[0]?.pointer,
    ).toBe("/inputSchema/properties");
  });
});

describe("StrictSchemas", () => {
  it("reads from an Ajv the same facts the generated table holds", () => {
    const fromAjv = StrictSchemas.of(createStrictAjv()).rules;
    const generated = StrictSchemas.generated().rules;
    expect(generated).toEqual(fromAjv);
    // A few facts the strict check relies on, so an empty or truncated table fails loudly.
    expect(generated.types.get("maxLength")).toEqual(["string"]);
    expect(generated.keywords.has("unevaluatedProperties")).toBe(true);
    expect(generated.formats.has("date-time")).toBe(true);
    expect(generated.withRule.has("title")).toBe(false);
  });

  it("is one instance per Ajv, and serves that Ajv", () => {
    const ajv = createStrictAjv();
    expect(StrictSchemas.of(ajv)).toBe(StrictSchemas.of(ajv));
    expect(StrictSchemas.of(ajv).ajv).toBe(ajv);
  });

  it("creates its Ajv instances on first use, once each, and compiles without meta-schema validation", () => {
    const strict = StrictSchemas.generated();
    expect(strict.ajv).toBe(strict.ajv);
    expect(strict.compiler).toBe(strict.compiler);
    expect(strict.compiler).not.toBe(strict.ajv);
    expect(strict.compiler.opts.validateSchema).toBe(false);
    expect(strict.ajv.opts.validateSchema).toBe(true);
  });

  it("lists every list of its table sorted, so the generated file is stable", () => {
    const table = strictSchemaRulesTable(createStrictAjv());
    for (const list of [table.keywords, table.withRule, table.formats])
      expect(list).toEqual([...list].sort());
  });
});

/** A seeded generator of small schemas mixing valid and invalid keyword combinations. */
function randomSchemas(seed: number, count: number): unknown[] {
  const { next: rnd, pick, chance } = seededRandom(seed);
  const types = ["string", "number", "integer", "object", "array", "boolean", "null"];
  const names = ["a", "b", "c"];
  const gen = (depth: number): unknown => {
    if (depth > 3 || chance(0.1)) return chance(0.5) ? { type: pick(types) } : pick([true, false, {}]);
    const s: Record<string, unknown> = {};
    if (chance(0.7)) s.type = chance(0.8) ? pick(types) : [...new Set([pick(types), pick(types)])];
    const ty = Array.isArray(s.type)
      ? (s.type as string[])
      : [typeof s.type === "string" ? s.type : pick(types)];
    if (chance(0.3)) s.description = "d";
    // Mostly keywords of the schema's own type (else every schema fails on strictTypes alone).
    const ofType: Record<string, string[]> = {
      string: ["minLength"],
      number: ["maximum", "multipleOf"],
      integer: ["maximum"],
      array: ["minItems"],
      object: ["minProperties"],
    };
    if (chance(0.3)) {
      const pool = chance(0.9)
        ? (ofType[ty[0] ?? ""] ?? [])
        : ["minLength", "maximum", "minItems", "minProperties"];
      if (pool.length > 0) s[pick(pool)] = 1;
    }
    const stringy = ty[0] === "string" || chance(0.1);
    if (chance(0.1) && stringy) s.format = pick(["date-time", "uri", "email", "nope", "int32"]);
    if (chance(0.06) && stringy) s.pattern = pick(["^a", "([", "\\d+"]);
    if (chance(0.05)) s.enum = chance(0.2) ? [] : ["a", 1];
    if (chance(0.04)) s.nullable = chance(0.5);
    if (chance(0.04)) s.default = "x";
    if (chance(0.03)) s.bogus = 1;
    if (ty.includes("object") || chance(0.1)) {
      if (chance(0.7))
        s.properties = Object.fromEntries(
          names.slice(0, 1 + Math.floor(rnd() * 3)).map((n) => [n, gen(depth + 1)]),
        );
      if (chance(0.4)) s.required = [pick(names)];
      if (chance(0.3)) s.additionalProperties = chance(0.5) ? false : gen(depth + 1);
      if (chance(0.1)) s.patternProperties = { [pick(["^a", "^z", "(x"])]: gen(depth + 1) };
      if (chance(0.05)) s.dependentSchemas = { a: gen(depth + 1) };
      if (chance(0.05)) s.unevaluatedProperties = false;
    }
    if (ty.includes("array") || chance(0.05)) {
      if (chance(0.5)) s.items = gen(depth + 1);
      if (chance(0.2)) {
        s.prefixItems = [gen(depth + 1)];
        if (chance(0.5)) s.minItems = 1;
        if (chance(0.5)) s.maxItems = 1;
      }
      if (chance(0.15)) {
        s.contains = gen(depth + 1);
        if (chance(0.3)) s.minContains = pick([0, 1, 2]);
        if (chance(0.3)) s.maxContains = 1;
      }
    }
    if (chance(0.1)) s.anyOf = [gen(depth + 1), gen(depth + 1)];
    if (chance(0.07)) s.oneOf = [gen(depth + 1)];
    if (chance(0.1)) s.allOf = [gen(depth + 1), gen(depth + 1)];
    if (chance(0.05)) s.not = gen(depth + 1);
    if (chance(0.06)) {
      s.if = gen(depth + 1);
      if (chance(0.7)) s.then = gen(depth + 1);
      if (chance(0.3)) s.else = gen(depth + 1);
    }
    if (chance(0.06)) s.$ref = pick(["#/$defs/A", "#/$defs/Missing", "#"]);
    return s;
  };
  return Array.from({ length: count }, () => {
    const root = gen(0);
    if (typeof root === "object" && root !== null && chance(0.3))
      (root as Record<string, unknown>).$defs = { A: gen(1) };
    return root;
  });
}

describe("checkSchemaStrictness agrees with Ajv on generated schemas", () => {
  it("refuses exactly the schemas the strict Ajv refuses to compile (300 seeded schemas)", () => {
    // The start-up configuration: the generated table, the reference compiled by a real Ajv.
    const strict = StrictSchemas.generated();
    const reference = createStrictAjv(); // one instance: a fresh Ajv per schema is slow
    const disagreements = randomSchemas(20261207, 300).flatMap((schema) => {
      const compiles = ajvCompiles(schema, reference);
      const findings = checkSchemaStrictness(strict, schema, "");
      return compiles === (findings.length === 0) ? [] : [{ schema, compiles, findings }];
    });
    expect(disagreements).toEqual([]);
  }, 60_000);
});
