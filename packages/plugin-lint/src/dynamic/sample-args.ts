/**
 * Generates one schema-valid argument object for a tool's input schema (L-DEGRADE-* need a call
 * that passes the host's argument validation). Deterministic: required properties only, the first
 * enum value, `default`/`examples` when given, minimal lengths and counts. The result is checked
 * with the host's strict Ajv; `undefined` when no valid value could be built.
 */
import { createStrictAjv } from "@octopus-mcp/host";

type Schema = Record<string, unknown>;

const FORMAT_SAMPLES: Record<string, string> = {
  email: "lint@example.com",
  uri: "https://example.com/lint",
  url: "https://example.com/lint",
  "uri-reference": "https://example.com/lint",
  "date-time": "2024-01-01T00:00:00Z",
  date: "2024-01-01",
  time: "00:00:00Z",
  uuid: "00000000-0000-4000-8000-000000000000",
  hostname: "example.com",
  ipv4: "127.0.0.1",
  duration: "PT1M",
  regex: "lint",
};

const STRING_CANDIDATES = [
  "lint",
  "Spaces-1",
  "Projects-1",
  "Deployments-1",
  "ServerTasks-1",
  "Releases-1",
  "1.0.0",
  "default",
  "a",
  "1",
  "lint-app",
  "LINT",
];

function isRecord(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function resolveRef(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = root;
  for (const seg of ref.slice(2).split("/"))
    node = isRecord(node) ? node[seg.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  return isRecord(node) ? node : undefined;
}

/**
 * Octopus/Argo CD-shaped values by property name, tried first so a plugin's own ID checks accept
 * the argument and the call reaches the (failing) upstream. Octopus IDs are `<Collection>-<n>`
 * (reference/octopus-api.md).
 */
const NAME_HINTS: readonly [RegExp, string][] = [
  [/interruption/i, "Interruptions-1"],
  [/task/i, "ServerTasks-1"],
  [/deployment/i, "Deployments-1"],
  [/release/i, "Releases-1"],
  [/project/i, "Projects-1"],
  [/environment|env$/i, "Environments-1"],
  [/runbook/i, "Runbooks-1"],
  [/tenant/i, "Tenants-1"],
  [/space/i, "Spaces-1"],
  [/machine|target/i, "Machines-1"],
  [/channel/i, "Channels-1"],
  [/lifecycle/i, "Lifecycles-1"],
  [/version/i, "1.0.0"],
  [/image/i, "registry.example.com/lint/app:1.0.0"],
  [/instance/i, "lint-argocd"],
  [/app(?:lication)?/i, "lint-app"],
];

function stringFor(s: Schema, name: string | undefined): string {
  if (typeof s.format === "string" && FORMAT_SAMPLES[s.format]) return FORMAT_SAMPLES[s.format]!;
  const min = typeof s.minLength === "number" ? s.minLength : 0;
  const max = typeof s.maxLength === "number" ? s.maxLength : Infinity;
  const pattern = typeof s.pattern === "string" ? new RegExp(s.pattern, "u") : undefined;
  const hinted = name === undefined ? [] : NAME_HINTS.filter(([re]) => re.test(name)).map(([, v]) => v);
  for (const c of [...hinted, ...STRING_CANDIDATES]) {
    const v = c.length < min ? c + "a".repeat(min - c.length) : c;
    if (v.length <= max && (!pattern || pattern.test(v))) return v;
  }
  return "a".repeat(Math.max(min, 1));
}

function sample(s: unknown, root: Schema, depth: number, name?: string): unknown {
  if (!isRecord(s) || depth > 16) return undefined;
  if (typeof s.$ref === "string") return sample(resolveRef(root, s.$ref), root, depth + 1, name);
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  for (const k of ["anyOf", "oneOf"]) {
    const list = s[k];
    if (Array.isArray(list)) {
      const branch = list.find((b) => isRecord(b) && b.type !== "null") ?? list[0];
      return sample(branch, root, depth + 1, name);
    }
  }
  if (Array.isArray(s.allOf))
    return Object.assign({}, ...s.allOf.map((b) => sample(b, root, depth + 1)).filter(isRecord));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "string":
      return stringFor(s, name);
    case "integer":
    case "number": {
      const min =
        typeof s.minimum === "number"
          ? s.minimum
          : typeof s.exclusiveMinimum === "number"
            ? s.exclusiveMinimum + 1
            : 1;
      const max = typeof s.maximum === "number" ? s.maximum : Infinity;
      return Math.min(type === "integer" ? Math.ceil(min) : min, max);
    }
    case "boolean":
      return false;
    case "array": {
      const n = typeof s.minItems === "number" ? s.minItems : 0;
      return Array.from({ length: n }, () => sample(s.items, root, depth + 1, name));
    }
    case "null":
      return null;
    default: {
      const props = isRecord(s.properties) ? s.properties : {};
      const required = Array.isArray(s.required) ? (s.required as string[]) : [];
      const out: Record<string, unknown> = {};
      for (const key of required) out[key] = sample(props[key], root, depth + 1, key);
      return out;
    }
  }
}

/** A schema-valid arguments object for `schema`, or `undefined` when generation fails. */
export function sampleArguments(schema: unknown): Record<string, unknown> | undefined {
  if (!isRecord(schema)) return undefined;
  const value = sample(schema, schema, 0);
  if (!isRecord(value)) return undefined;
  try {
    const validate = createStrictAjv().compile(schema);
    return validate(structuredClone(value)) ? value : undefined;
  } catch {
    return undefined;
  }
}
