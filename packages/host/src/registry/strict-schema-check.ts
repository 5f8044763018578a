/**
 * The start-up stand-in for "this schema compiles under the host's strict Ajv": the JSON Schema
 * 2020-12 meta-schema (the precompiled validator of json-schema/meta-schema.ts; Ajv's
 * `validateSchema` for a schema declaring another `$schema`), then one walk over the schema
 * applying the compile-time checks of Ajv 8's strict mode, each finding with a JSON pointer to the
 * offending keyword. test/registry/strict-schema-check.test.ts compares its verdict with Ajv's on
 * hand-written and generated schemas (ported from ajv 8.20; re-run it when Ajv is upgraded).
 *
 * Why not simply compile: compiling generates and evals a validator (~1 ms a schema, ~5 s for
 * 2,000 tools on a 2-core machine, bench figure 3), while this check costs a few percent of that.
 * Validators are compiled on first use instead ({@link ./lazy-validator.ts}).
 *
 * Ported from ajv 8.x `lib/compile/validate/index.ts` (unknown keywords, strictTypes, the schema
 * root default, nullable), `lib/compile/validate/defaults.ts` (defaults inside anyOf/oneOf/not/if)
 * and the vocabularies (format, enum, required/strictRequired, prefixItems/strictTuples, if/then/
 * else, contains/minContains/maxContains, pattern syntax, patternProperties vs properties, $ref
 * resolution).
 * Subschemas are visited in Ajv's order and with Ajv's context: the data types known from `type`
 * (reset when the walk moves to another data location), whether the subschema sits under a
 * composite keyword (anyOf, oneOf, not, if, contains, propertyNames) and the properties already
 * declared for the same data (strictRequired). Like Ajv, `$defs` are checked where a `$ref` uses
 * them. Whatever this misses still surfaces when the validator is first compiled (the call fails
 * with internal_error and the log names plugin, tool and reason), and `checkToolDefinitions` and
 * plugin-lint keep compiling eagerly.
 */
import type { ErrorObject } from "ajv";
import { metaSchemaErrors } from "../json-schema/meta-schema.js";
import { escapePointerSegment, resolvePointerRef } from "./json-pointer.js";
import type { SchemaViolation } from "./schema-rules.js";
import type { StrictSchemaRules, StrictSchemas } from "./strict-schemas.js";

type SchemaObject = Record<string, unknown>;

function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Prefix of every `schema-compiles` message (also used by compileSchema). */
export const SCHEMA_COMPILES_PREFIX = "does not compile under Ajv strict mode (JSON Schema 2020-12): ";

/** What Ajv's code generator knows at one point of the schema. */
interface WalkContext {
  /** Types the data is known to have (from `type` here or at the same data location above). */
  readonly dataTypes: readonly string[];
  /** Under anyOf/oneOf/not/if/contains/propertyNames: defaults there are ignored. */
  readonly compositeRule: boolean;
  /** Properties declared so far for this data location (Ajv's `definedProperties`). */
  readonly definedProperties: Set<string>;
}

/** Ajv `includesType`: an `integer` context admits `number`. */
function includesType(types: readonly string[], t: string): boolean {
  return types.includes(t) || (t === "integer" && types.includes("number"));
}

/** Ajv `hasApplicableType`: a `number` keyword applies to `integer` data. */
function hasApplicableType(types: readonly string[], keywordType: string): boolean {
  return types.includes(keywordType) || (keywordType === "number" && types.includes("integer"));
}

const NO_TYPES: readonly string[] = [];

function fresh(dataTypes: readonly string[], compositeRule: boolean): WalkContext {
  return { dataTypes, compositeRule, definedProperties: new Set() };
}

class StrictWalk {
  readonly violations: SchemaViolation[] = [];
  readonly #visitedRefTargets = new Set<unknown>();

  constructor(
    private readonly rules: StrictSchemaRules,
    private readonly root: SchemaObject,
    private readonly prefix: string,
  ) {}

  fail(path: string, reason: string): void {
    this.violations.push({
      pointer: `${this.prefix}${path}`,
      rule: "schema-compiles",
      message: `${SCHEMA_COMPILES_PREFIX}${reason}`,
    });
  }

  /** Ajv `getSchemaTypes`: `type` as a list, with OpenAPI `nullable`. */
  #schemaTypes(schema: SchemaObject, path: string): readonly string[] {
    const raw = schema.type;
    if (typeof raw === "string" && schema.nullable === undefined) return [raw];
    const types = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (t): t is string => typeof t === "string",
    );
    if (types.includes("null")) {
      if (schema.nullable === false) this.fail(`${path}/nullable`, "type: null contradicts nullable: false");
    } else {
      if (types.length === 0 && schema.nullable !== undefined)
        this.fail(`${path}/nullable`, '"nullable" cannot be used without "type"');
      if (schema.nullable === true) types.push("null");
    }
    return types;
  }

  /** Ajv checkKeywordTypes: every keyword used must apply to one of the known data types. */
  #checkKeywordTypes(node: SchemaObject, path: string, dataTypes: readonly string[], at: string): void {
    const { types, implementedBy } = this.rules;
    let reported: Set<string> | undefined; // a keyword used directly and through `implements`: once
    const check = (keyword: string) => {
      const ruleTypes = types.get(keyword);
      if (!ruleTypes || reported?.has(keyword) || ruleTypes.some((t) => hasApplicableType(dataTypes, t)))
        return;
      (reported ??= new Set()).add(keyword);
      this.fail(
        `${path}/${escapePointerSegment(keyword)}`,
        `strict mode: missing type "${ruleTypes.join(",")}" for keyword "${keyword}" at ${at} (strictTypes)`,
      );
    };
    for (const key in node) {
      if (node[key] === undefined) continue;
      check(key);
      const implementers = implementedBy.get(key);
      if (implementers) for (const keyword of implementers) check(keyword);
    }
  }

  /** Checks one (sub)schema at `path` (a JSON pointer from the schema root). */
  schema(node: unknown, path: string, cx: WalkContext, isRoot: boolean): void {
    if (!isSchemaObject(node)) return; // booleans; anything else failed the meta-schema
    let hasRules = false;
    let hasRulesButRef = false;
    for (const key in node) {
      if (!this.rules.keywords.has(key))
        this.fail(`${path}/${escapePointerSegment(key)}`, `strict mode: unknown keyword: "${key}"`);
      else if (this.rules.withRule.has(key)) {
        hasRules = true;
        if (key !== "$ref") hasRulesButRef = true;
      }
    }
    if (!hasRules) return; // only annotations: Ajv generates nothing
    const at = `"#${path}"`;
    if (isRoot && node.default !== undefined)
      this.fail(`${path}/default`, "strict mode: default is ignored in the schema root");
    const types = this.#schemaTypes(node, path);
    if (typeof node.$ref === "string" && !hasRulesButRef) {
      this.#ref(node.$ref, path, cx);
      return;
    }

    // strictTypes (Ajv checkContextTypes, then checkKeywordTypes); allowUnionTypes is on.
    let dataTypes = cx.dataTypes;
    if (types.length > 0) {
      if (dataTypes.length === 0) dataTypes = types;
      else {
        for (const t of types) {
          if (!includesType(dataTypes, t))
            this.fail(
              `${path}/type`,
              `strict mode: type "${t}" not allowed by context "${dataTypes.join(",")}" at ${at} (strictTypes)`,
            );
        }
        dataTypes = dataTypes.flatMap((t) =>
          includesType(types, t) ? [t] : types.includes("integer") && t === "number" ? ["integer"] : [],
        );
      }
    }
    this.#checkKeywordTypes(node, path, dataTypes, at);

    const composite = cx.compositeRule;
    // Same data location: the narrowed types and the declared properties carry over.
    const same: WalkContext =
      dataTypes === cx.dataTypes
        ? cx
        : { dataTypes, compositeRule: composite, definedProperties: cx.definedProperties };
    const sameComposite: WalkContext = composite ? same : { ...same, compositeRule: true };

    // Ajv's untyped group first (so anyOf/allOf branches do not see this node's properties yet).
    if (typeof node.$ref === "string") this.#ref(node.$ref, path, same);
    if (Array.isArray(node.enum) && node.enum.length === 0)
      this.fail(`${path}/enum`, "enum must have non-empty array");
    if (node.not !== undefined) this.schema(node.not, `${path}/not`, sameComposite, false);
    for (const keyword of ["anyOf", "oneOf", "allOf"]) {
      const list = node[keyword];
      if (!Array.isArray(list)) continue;
      const context = keyword === "allOf" ? same : sameComposite;
      for (let i = 0; i < list.length; i++) this.schema(list[i], `${path}/${keyword}/${i}`, context, false);
    }
    if (node.if !== undefined) {
      if (node.then === undefined && node.else === undefined)
        this.fail(`${path}/if`, 'strict mode: "if" without "then" and "else" is ignored');
      // Ajv compiles `if` only when `then` or `else` can fail.
      else if (!this.#alwaysValid(node.then) || !this.#alwaysValid(node.else))
        this.schema(node.if, `${path}/if`, sameComposite, false);
      if (node.then !== undefined) this.schema(node.then, `${path}/then`, same, false);
      if (node.else !== undefined) this.schema(node.else, `${path}/else`, same, false);
    } else {
      for (const keyword of ["then", "else"])
        if (node[keyword] !== undefined)
          this.fail(`${path}/${keyword}`, `strict mode: "${keyword}" without "if" is ignored`);
    }

    // number/string: format; pattern (Ajv builds the RegExp, with the u flag, while compiling).
    if (typeof node.format === "string" && !this.rules.formats.has(node.format))
      this.fail(`${path}/format`, `unknown format "${node.format}" ignored in schema at path ${at}`);
    if (typeof node.pattern === "string") this.#regExp(node.pattern, `${path}/pattern`);

    // array group: subschemas describe other data (items), so they start without known types.
    if (Array.isArray(node.prefixItems)) {
      const l = node.prefixItems.length;
      const fullTuple = l === node.minItems && (l === node.maxItems || node.items === false);
      if (!fullTuple)
        this.fail(
          `${path}/prefixItems`,
          `strict mode: "prefixItems" is ${l}-tuple, but minItems or maxItems/items are not specified or different at path ${at}`,
        );
      node.prefixItems.forEach((s: unknown, i) =>
        this.schema(s, `${path}/prefixItems/${i}`, fresh(NO_TYPES, composite), false),
      );
    }
    if (node.items !== undefined) this.schema(node.items, `${path}/items`, fresh(NO_TYPES, composite), false);
    if (node.contains !== undefined) {
      const { minContains, maxContains } = node;
      if (minContains === 0 && maxContains === undefined)
        this.fail(
          `${path}/minContains`,
          'strict mode: "minContains" == 0 without "maxContains": "contains" keyword ignored',
        );
      else if (
        typeof minContains === "number" &&
        typeof maxContains === "number" &&
        minContains > maxContains
      )
        this.fail(`${path}/minContains`, 'strict mode: "minContains" > "maxContains" is always invalid');
      this.schema(node.contains, `${path}/contains`, fresh(NO_TYPES, true), false);
    } else {
      for (const keyword of ["minContains", "maxContains"])
        if (node[keyword] !== undefined)
          this.fail(`${path}/${keyword}`, `strict mode: "${keyword}" without "contains" is ignored`);
    }
    if (node.unevaluatedItems !== undefined)
      this.schema(node.unevaluatedItems, `${path}/unevaluatedItems`, fresh(NO_TYPES, composite), false);

    // object group.
    const properties = isSchemaObject(node.properties) ? node.properties : undefined;
    if (Array.isArray(node.required)) {
      node.required.forEach((key: unknown, i) => {
        if (typeof key !== "string") return;
        if (properties?.[key] === undefined && !cx.definedProperties.has(key))
          this.fail(
            `${path}/required/${i}`,
            `strict mode: required property "${key}" is not defined at ${at} (strictRequired)`,
          );
      });
    }
    if (node.propertyNames !== undefined)
      this.schema(node.propertyNames, `${path}/propertyNames`, fresh(["string"], true), false);
    if (node.additionalProperties !== undefined)
      this.schema(
        node.additionalProperties,
        `${path}/additionalProperties`,
        fresh(NO_TYPES, composite),
        false,
      );
    if (isSchemaObject(node.dependencies)) {
      for (const key in node.dependencies) {
        const value = node.dependencies[key];
        if (!Array.isArray(value))
          this.schema(value, `${path}/dependencies/${escapePointerSegment(key)}`, same, false);
      }
    }
    if (properties) {
      for (const key in properties) cx.definedProperties.add(key);
      for (const key in properties) {
        const value = properties[key];
        const propertyPath = `${path}/properties/${escapePointerSegment(key)}`;
        if (composite && isSchemaObject(value) && value.default !== undefined)
          this.fail(
            `${propertyPath}/default`,
            `strict mode: default is ignored for: property "${key}" (defaults are not applied under anyOf, oneOf, not or if)`,
          );
        this.schema(value, propertyPath, fresh(NO_TYPES, composite), false);
      }
    }
    const patternProperties = isSchemaObject(node.patternProperties) ? node.patternProperties : {};
    // Ajv skips patternProperties (RegExps, matching check) when every pattern accepts anything and
    // `additionalProperties` already marked all properties evaluated.
    const patternsApply =
      node.additionalProperties === undefined ||
      Object.values(patternProperties).some((value) => !this.#alwaysValid(value));
    for (const pattern in patternProperties) {
      const patternPath = `${path}/patternProperties/${escapePointerSegment(pattern)}`;
      const regExp = patternsApply ? this.#regExp(pattern, patternPath) : undefined;
      for (const key in properties ?? {}) {
        if (regExp?.test(key))
          this.fail(
            patternPath,
            `strict mode: property ${key} matches pattern ${pattern} (use allowMatchingProperties)`,
          );
      }
      this.schema(patternProperties[pattern], patternPath, fresh(NO_TYPES, composite), false);
    }
    if (isSchemaObject(node.dependentSchemas)) {
      for (const key in node.dependentSchemas)
        this.schema(
          node.dependentSchemas[key],
          `${path}/dependentSchemas/${escapePointerSegment(key)}`,
          same,
          false,
        );
    }
    if (node.unevaluatedProperties !== undefined)
      this.schema(
        node.unevaluatedProperties,
        `${path}/unevaluatedProperties`,
        fresh(NO_TYPES, composite),
        false,
      );
  }

  /** Ajv `alwaysValidSchema`: absent, `true`, `{}` or annotations only (nothing to compile). */
  #alwaysValid(schema: unknown): boolean {
    if (schema === undefined || typeof schema === "boolean") return schema !== false;
    if (!isSchemaObject(schema)) return false;
    for (const key in schema) if (this.rules.withRule.has(key)) return false;
    return true;
  }

  /** The RegExp Ajv would build for `pattern`; reports (and returns undefined) when it is invalid. */
  #regExp(pattern: string, path: string): RegExp | undefined {
    try {
      return new RegExp(pattern, "u");
    } catch (error) {
      this.fail(path, error instanceof Error ? error.message : String(error));
      return undefined;
    }
  }

  /** `$ref`: must resolve; its target is checked once, as Ajv inlines it (fresh data types). */
  #ref(ref: string, path: string, cx: WalkContext): void {
    const resolved = resolvePointerRef(this.root, ref) ?? this.#anchor(ref);
    if (resolved === undefined) {
      // Refs against an `$id` base are Ajv's to resolve (rare in tool schemas; compiled on first use).
      if (!ref.startsWith("#") && JSON.stringify(this.root).includes('"$id"')) return;
      this.fail(`${path}/$ref`, `can't resolve reference ${ref} from id #`);
      return;
    }
    if (resolved.target === this.root || this.#visitedRefTargets.has(resolved.target)) return;
    this.#visitedRefTargets.add(resolved.target);
    this.schema(resolved.target, resolved.pointer, fresh(NO_TYPES, cx.compositeRule), false);
  }

  /** `#name`: the subschema with `$anchor` (or `$dynamicAnchor`) `name`. */
  #anchor(ref: string): { target: unknown; pointer: string } | undefined {
    if (!/^#[A-Za-z_][-A-Za-z0-9._]*$/.test(ref)) return undefined;
    const name = ref.slice(1);
    const search = (node: unknown, pointer: string): { target: unknown; pointer: string } | undefined => {
      if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) {
          const found = search(node[i], `${pointer}/${i}`);
          if (found) return found;
        }
        return undefined;
      }
      if (!isSchemaObject(node)) return undefined;
      if (node.$anchor === name || node.$dynamicAnchor === name) return { target: node, pointer };
      for (const [key, value] of Object.entries(node)) {
        if (key === "enum" || key === "const" || key === "default" || key === "examples") continue;
        const found = search(value, `${pointer}/${escapePointerSegment(key)}`);
        if (found) return found;
      }
      return undefined;
    };
    return search(this.root, "");
  }
}

/** Groups Ajv meta-schema errors by location: one violation per JSON pointer. */
function metaSchemaViolations(errors: readonly ErrorObject[], prefix: string): SchemaViolation[] {
  const byPath = new Map<string, string[]>();
  for (const error of errors) {
    const messages = byPath.get(error.instancePath) ?? [];
    const params = error.keyword === "enum" ? ` (${JSON.stringify(error.params)})` : "";
    const message = `${error.message ?? error.keyword}${params}`;
    if (!messages.includes(message)) messages.push(message);
    byPath.set(error.instancePath, messages);
  }
  return [...byPath].map(([path, messages]) => ({
    pointer: `${prefix}${path}`,
    rule: "schema-compiles",
    message: `${SCHEMA_COMPILES_PREFIX}schema is invalid: ${messages.join("; ")}`,
  }));
}

/**
 * Every reason the host's strict Ajv would refuse to compile `schema`, without compiling it:
 * meta-schema errors first (then nothing else is checked, as Ajv stops there too), else the
 * strict-mode findings. Each violation has rule `schema-compiles`, a JSON pointer made of
 * `pointer` (e.g. `/inputSchema`) and the location in the schema, and Ajv's wording of the reason.
 * Empty when the schema would compile (see the module comment for the few cases left to compile
 * time). Never throws.
 */
export function checkSchemaStrictness(
  strict: StrictSchemas,
  schema: unknown,
  pointer: string,
): SchemaViolation[] {
  if (typeof schema === "boolean") return [];
  if (!isSchemaObject(schema)) {
    return [
      {
        pointer,
        rule: "schema-compiles",
        message: `${SCHEMA_COMPILES_PREFIX}schema must be object or boolean`,
      },
    ];
  }
  // The precompiled 2020-12 meta-schema validator (no meta-schema compile per Ajv instance); Ajv's
  // own for schemas declaring another `$schema`.
  let errors = metaSchemaErrors(schema);
  if (errors === undefined) {
    try {
      const ajv = strict.ajv;
      errors = ajv.validateSchema(schema) ? [] : (ajv.errors ?? []);
    } catch (error) {
      // e.g. a `$schema` other than 2020-12: "no schema with key or ref ..."
      const reason = error instanceof Error ? error.message : String(error);
      return [
        {
          pointer: `${pointer}/$schema`,
          rule: "schema-compiles",
          message: `${SCHEMA_COMPILES_PREFIX}${reason}`,
        },
      ];
    }
  }
  if (errors.length > 0) return metaSchemaViolations(errors, pointer);
  const walk = new StrictWalk(strict.rules, schema, pointer);
  walk.schema(schema, "", fresh(NO_TYPES, false), true);
  return walk.violations;
}
