/**
 * Ajv (JSON Schema 2020-12, strict, all errors, `ajv-formats`) for config validation, and the
 * translation of Ajv errors into readable {@link ConfigIssue}s with a fix each. Error texts never
 * echo the offending value (it might be a secret of a shape we do not recognise).
 */
import type * as Ajv2020Module from "ajv/dist/2020.js";
import type { Ajv2020 as Ajv2020Instance, ErrorObject, Options } from "ajv/dist/2020.js";
import type { FormatsPlugin } from "ajv-formats";
import { requireCommonJs } from "../commonjs.js";
import { joinPointer, type ConfigIssue } from "./config-error.js";

/**
 * Ajv options of config validation, the host config's and plugin sections' alike (at start-up and
 * in generated code): strict, every error, `verbose` for fix hints; defaults applied and scalars
 * coerced, because `${VAR}` interpolation yields strings.
 */
export const CONFIG_AJV_OPTIONS = {
  strict: true,
  allErrors: true,
  verbose: true,
  logger: false,
  useDefaults: true,
  coerceTypes: true,
} as const;

/** A fresh Ajv for config schemas: 2020-12, {@link CONFIG_AJV_OPTIONS} (and `options`), formats. */
export function createConfigAjv(options: Options = {}): Ajv2020Instance {
  // Required (see commonjs.ts) on first use: the host config and first-party plugin sections are
  // validated by precompiled code, so a start-up usually needs no Ajv instance at all.
  // ajv-formats is CommonJS: the module is the plugin function.
  const { Ajv2020 } = requireCommonJs("ajv/dist/2020.js") as typeof Ajv2020Module;
  const addFormats = requireCommonJs("ajv-formats") as FormatsPlugin;
  const ajv = new Ajv2020({ ...CONFIG_AJV_OPTIONS, ...options });
  addFormats(ajv);
  return ajv;
}

/** Levenshtein distance, for "did you mean" hints on typos. */
function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The closest known key to `key` (case-insensitive equality or at most 2 edits), if any. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = name.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, name);
    if (
      distance <= Math.max(1, Math.min(2, Math.floor(name.length / 3))) &&
      (!best || distance < best.distance)
    )
      best = { name, distance };
  }
  return best?.name;
}

function propertyNamesOf(schema: unknown): string[] {
  const properties = (schema as { properties?: unknown } | undefined)?.properties;
  return typeof properties === "object" && properties !== null ? Object.keys(properties) : [];
}

function describe(schema: unknown): string | undefined {
  const description = (schema as { description?: unknown } | undefined)?.description;
  return typeof description === "string" ? description : undefined;
}

function issueFor(error: ErrorObject, file: string, basePath: string): ConfigIssue | undefined {
  const at = basePath + error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required": {
      const key = String(params.missingProperty);
      const description = describe(
        (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties?.[key],
      );
      return {
        file,
        path: joinPointer(at, key),
        message: `required key "${key}" is missing`,
        fix: `add "${key}"${description ? ` (${description})` : ""}`,
      };
    }
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const known = propertyNamesOf(error.parentSchema);
      const suggestion = closestKey(key, known);
      return {
        file,
        path: joinPointer(at, key),
        message: `unknown key "${key}"`,
        fix: suggestion
          ? `did you mean "${suggestion}"? Allowed keys here: ${known.join(", ")}`
          : known.length
            ? `remove it; allowed keys here: ${known.join(", ")}`
            : "remove it",
      };
    }
    case "propertyNames": {
      const key = String(params.propertyName);
      const pattern = (error.schema as { pattern?: unknown } | undefined)?.pattern;
      return {
        file,
        path: joinPointer(at, key),
        message: `key "${key}" is not a valid name`,
        fix: typeof pattern === "string" ? `rename it to match ${pattern}` : "rename it",
      };
    }
    case "oneOf": {
      const requiredAlternatives = (Array.isArray(error.schema) ? error.schema : [])
        .map((branch: unknown) => (branch as { required?: unknown }).required)
        .filter((r): r is string[] => Array.isArray(r) && r.length === 1)
        .map((r) => `"${r[0]}"`);
      if (requiredAlternatives.length === (error.schema as unknown[]).length && requiredAlternatives.length) {
        return {
          file,
          path: at,
          message: `exactly one of ${requiredAlternatives.join(" or ")} must be set`,
          fix: `keep exactly one of ${requiredAlternatives.join(", ")}`,
        };
      }
      return {
        file,
        path: at,
        message: "matches none or several of the allowed shapes",
        fix: "see the schema",
      };
    }
    case "enum":
      return {
        file,
        path: at,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
        fix: "use one of the allowed values",
      };
    case "const":
      return {
        file,
        path: at,
        message: `must be ${JSON.stringify(params.allowedValue)}`,
        fix: "use the allowed value",
      };
    case "type":
      return {
        file,
        path: at,
        message: `must be ${String(params.type)}`,
        fix: `write a value of type ${String(params.type)}${describe(error.parentSchema) ? ` (${describe(error.parentSchema)})` : ""}`,
      };
    case "format":
      return {
        file,
        path: at,
        message: `must be a valid ${String(params.format)}`,
        fix: `write a valid ${String(params.format)}${describe(error.parentSchema) ? ` (${describe(error.parentSchema)})` : ""}`,
      };
    default: {
      const description = describe(error.parentSchema);
      return {
        file,
        path: at,
        message: error.message ?? `fails "${error.keyword}"`,
        fix: `correct the value${description ? ` (${description})` : ""}`,
      };
    }
  }
}

/**
 * Turns Ajv errors into issues, one per JSON pointer (several rules failing on one value are
 * joined with "; "). Errors inside `oneOf` branches and inner errors of `propertyNames` are
 * folded into their parent error.
 * @param basePath JSON pointer of the validated value inside `file`
 */
export function schemaErrorsToIssues(
  errors: readonly ErrorObject[] | null | undefined,
  file: string,
  basePath = "",
): ConfigIssue[] {
  const byPath = new Map<string, { messages: string[]; fixes: string[] }>();
  for (const error of errors ?? []) {
    if (/\/oneOf\/\d+\//.test(error.schemaPath) || (error as { propertyName?: string }).propertyName)
      continue;
    const issue = issueFor(error, file, basePath);
    if (!issue) continue;
    const entry = byPath.get(issue.path) ?? { messages: [], fixes: [] };
    if (!entry.messages.includes(issue.message)) entry.messages.push(issue.message);
    if (!entry.fixes.includes(issue.fix)) entry.fixes.push(issue.fix);
    byPath.set(issue.path, entry);
  }
  return [...byPath].map(([path, { messages, fixes }]) => ({
    file,
    path,
    message: messages.join("; "),
    fix: fixes.join("; "),
  }));
}
