/**
 * Renders the config reference of docs/operators.md from the host config JSON Schema
 * (`packages/host/schema/host-config.schema.json`): one table for the top level (nested objects
 * flattened to dotted keys) and one per `$defs` entry it references.
 */

type Schema = Readonly<Record<string, unknown>>;

interface Row {
  readonly key: string;
  readonly type: string;
  readonly defaultValue: string;
  readonly description: string;
}

const DEF_TITLES: Readonly<Record<string, string>> = {
  callerTenant: "Caller tenant (`tenants.<id>`)",
  pluginEntry: "Plugin entry (`plugins[]`)",
  accessPolicy: "Access policy (`policy`, `tenants.<id>.policy`)",
};

function refName(schema: Schema): string | undefined {
  const ref = schema.$ref;
  return typeof ref === "string" && ref.startsWith("#/$defs/") ? ref.slice("#/$defs/".length) : undefined;
}

function anchor(def: string): string {
  return `#${(DEF_TITLES[def] ?? def)
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, "")
    .replace(/ /g, "-")}`;
}

function typeOf(schema: Schema): string {
  const ref = refName(schema);
  if (ref) return `[${ref}](${anchor(ref)})`;
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" | ");
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) {
    return ((schema.anyOf ?? schema.oneOf) as Schema[]).map(typeOf).join(" | ");
  }
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : String(schema.type ?? "any");
  if (type === "array" && schema.items && typeof schema.items === "object")
    return `${typeOf(schema.items as Schema)}[]`;
  if (type === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object") {
    return `map of ${typeOf(schema.additionalProperties as Schema)}`;
  }
  const bounds: string[] = [];
  if (typeof schema.minimum === "number") bounds.push(`≥ ${schema.minimum}`);
  if (typeof schema.maximum === "number") bounds.push(`≤ ${schema.maximum}`);
  if (typeof schema.format === "string") bounds.push(schema.format);
  return bounds.length > 0 ? `${type} (${bounds.join(", ")})` : type;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

function walk(schema: Schema, key: string, rows: Row[], refs: Set<string>): void {
  const ref = refName(schema);
  if (ref) refs.add(ref);
  const description = typeof schema.description === "string" ? schema.description : "";
  const defaultValue =
    schema.default === undefined ||
    (typeof schema.default === "object" &&
      schema.default !== null &&
      Object.keys(schema.default).length === 0)
      ? ""
      : `\`${JSON.stringify(schema.default)}\``;
  // An array's item object gets no row of its own: its properties appear as `key[].name`.
  if (key !== "" && !(key.endsWith("[]") && description === ""))
    rows.push({ key: `\`${key}\``, type: typeOf(schema), defaultValue, description });
  const properties = schema.properties as Readonly<Record<string, Schema>> | undefined;
  if (properties) {
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    for (const [name, child] of Object.entries(properties)) {
      if (name === "$schema") continue;
      const childKey = key === "" ? name : `${key}.${name}`;
      walk(
        required.has(name)
          ? { ...child, description: `**Required.** ${child.description ?? ""}`.trim() }
          : child,
        childKey,
        rows,
        refs,
      );
    }
  }
  const additional = schema.additionalProperties;
  if (additional && typeof additional === "object") walk(additional as Schema, `${key}.<id>`, [], refs);
  if (schema.items && typeof schema.items === "object") {
    const items = schema.items as Schema;
    if (refName(items)) refs.add(refName(items)!);
    else if (items.properties) walk({ ...items, description: "" }, `${key}[]`, rows, refs);
  }
}

function table(rows: readonly Row[]): string {
  return [
    "| Key | Type | Default | Description |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.key} | ${cell(r.type)} | ${cell(r.defaultValue)} | ${cell(r.description)} |`),
  ].join("\n");
}

/** The generated markdown (no trailing newline). */
export function renderConfigReference(root: Schema): string {
  const defs = (root.$defs ?? {}) as Readonly<Record<string, Schema>>;
  const refs = new Set<string>();
  const topRows: Row[] = [];
  walk(root, "", topRows, refs);
  const parts = [`### Top level\n\n${table(topRows)}`];
  const done = new Set<string>();
  const queue = [...refs];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (done.has(name) || !defs[name]) continue;
    done.add(name);
    const rows: Row[] = [];
    const nested = new Set<string>();
    walk(defs[name], "", rows, nested);
    for (const n of nested) if (!done.has(n)) queue.push(n);
    const intro = typeof defs[name].description === "string" ? `${defs[name].description}\n\n` : "";
    parts.push(`### ${DEF_TITLES[name] ?? name}\n\n${intro}${table(rows)}`);
  }
  return parts.join("\n\n");
}
