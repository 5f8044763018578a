/**
 * What start-up checks tool schemas against ({@link checkSchemaStrictness}): the facts of Ajv's
 * strict mode the check needs (the keywords Ajv knows, which of them generate code, the data types
 * each applies to, the format names), plus strict Ajv instances made only when something needs
 * one: a schema declaring another `$schema` dialect, an eager compile, or a tool's first call.
 *
 * Start-up reads the facts from a table generated from the host's own strict Ajv
 * (json-schema/generated/strict-schema-rules.ts, kept in step by
 * test/json-schema/generated-validators.test.ts), so a stdio host answers `tools/list` without
 * loading Ajv's 2020-12 dialect or building an Ajv instance (bench figure 2).
 */
import { STRICT_SCHEMA_RULES_TABLE } from "../json-schema/generated/strict-schema-rules.js";
import { createStrictAjv, type StrictAjv } from "./strict-ajv.js";

/** Ajv strict-mode facts, as sets and maps for lookups. */
export interface StrictSchemaRules {
  /** Keywords Ajv knows (its `RULES.keywords`); any other keyword fails strict mode. */
  readonly keywords: ReadonlySet<string>;
  /** Keywords with a rule (`RULES.all`); a schema using none of them is always valid. */
  readonly withRule: ReadonlySet<string>;
  /** Data types each typed keyword applies to (strictTypes), e.g. `maxLength` -> `["string"]`. */
  readonly types: ReadonlyMap<string, readonly string[]>;
  /** Typed keywords declaring that they implement a keyword (`implements`), by that keyword. */
  readonly implementedBy: ReadonlyMap<string, readonly string[]>;
  /** Format names Ajv validates (ajv-formats); any other `format` fails strict mode. */
  readonly formats: ReadonlySet<string>;
}

/** {@link StrictSchemaRules} as plain JSON data (the generated table), every list sorted. */
export interface StrictSchemaRulesTable {
  readonly keywords: readonly string[];
  readonly withRule: readonly string[];
  readonly types: Readonly<Record<string, readonly string[]>>;
  readonly implementedBy: Readonly<Record<string, readonly string[]>>;
  readonly formats: readonly string[];
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Reads the strict-mode facts of `ajv` (what the generated table is made of). */
export function strictSchemaRulesTable(ajv: StrictAjv): StrictSchemaRulesTable {
  const types: Record<string, readonly string[]> = {};
  const implementedBy: Record<string, string[]> = {};
  for (const keyword of Object.keys(ajv.RULES.all).sort(byName)) {
    const rule = ajv.RULES.all[keyword];
    if (typeof rule !== "object") continue;
    const ruleTypes = rule.definition.type ?? [];
    if (ruleTypes.length === 0) continue;
    types[keyword] = [...ruleTypes];
    for (const implemented of rule.definition.implements ?? []) {
      (implementedBy[implemented] ??= []).push(keyword);
    }
  }
  return {
    keywords: Object.keys(ajv.RULES.keywords).sort(byName),
    withRule: Object.keys(ajv.RULES.all).sort(byName),
    types,
    implementedBy,
    formats: Object.keys(ajv.formats).sort(byName),
  };
}

function rulesOf(table: StrictSchemaRulesTable): StrictSchemaRules {
  return {
    keywords: new Set(table.keywords),
    withRule: new Set(table.withRule),
    types: new Map(Object.entries(table.types)),
    implementedBy: new Map(Object.entries(table.implementedBy)),
    formats: new Set(table.formats),
  };
}

/**
 * The strict-mode facts and strict Ajv instances one check of many schemas shares. The host makes
 * one per start ({@link StrictSchemas.generated}); its validators keep it and compile with it.
 */
export class StrictSchemas {
  static readonly #ofAjv = new WeakMap<StrictAjv, StrictSchemas>();
  #ajv: StrictAjv | undefined;
  #compiler: StrictAjv | undefined;

  private constructor(
    /** The facts {@link checkSchemaStrictness} checks against. */
    readonly rules: StrictSchemaRules,
    ajv?: StrictAjv,
  ) {
    this.#ajv = ajv;
  }

  /** Facts from the generated table; no Ajv is created until {@link ajv} or {@link compiler} is read. */
  static generated(): StrictSchemas {
    return new StrictSchemas(rulesOf(STRICT_SCHEMA_RULES_TABLE));
  }

  /**
   * Facts read from `ajv`, which also serves {@link ajv} (eager compiles, plugin-lint). The same
   * instance for the same `ajv`.
   */
  static of(ajv: StrictAjv): StrictSchemas {
    let schemas = StrictSchemas.#ofAjv.get(ajv);
    if (!schemas)
      StrictSchemas.#ofAjv.set(ajv, (schemas = new StrictSchemas(rulesOf(strictSchemaRulesTable(ajv)), ajv)));
    return schemas;
  }

  /**
   * The strict Ajv, meta-schema validation on (created on first use): validates schemas of other
   * dialects and compiles eagerly.
   */
  get ajv(): StrictAjv {
    return (this.#ajv ??= createStrictAjv());
  }

  /**
   * The Ajv that compiles validators on a tool's first call (created on first use): the same
   * options without meta-schema validation, which the start-up check did already; so a session's
   * first call does not also compile the 2020-12 meta-schema (~0.1 s).
   */
  get compiler(): StrictAjv {
    return (this.#compiler ??= createStrictAjv({ validateSchema: false }));
  }
}
