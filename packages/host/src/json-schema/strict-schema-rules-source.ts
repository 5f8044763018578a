/**
 * Source of `generated/strict-schema-rules.ts`: the strict-mode facts of the host's strict Ajv
 * (registry/strict-ajv.ts), which start-up checks tool schemas against without creating an Ajv
 * (registry/strict-schemas.ts).
 */
import { createStrictAjv } from "../registry/strict-ajv.js";
import { strictSchemaRulesTable } from "../registry/strict-schemas.js";
import { REGENERATE_COMMAND } from "./standalone-module.js";

/** The text of `generated/strict-schema-rules.ts`. */
export function strictSchemaRulesSource(): string {
  const table = strictSchemaRulesTable(createStrictAjv());
  return [
    "// GENERATED from the host's strict Ajv (registry/strict-ajv.ts) by",
    "// json-schema/strict-schema-rules-source.ts: do not edit.",
    `// Regenerate with \`${REGENERATE_COMMAND}\`.`,
    'import type { StrictSchemaRulesTable } from "../../registry/strict-schemas.js";',
    "",
    `export const STRICT_SCHEMA_RULES_TABLE: StrictSchemaRulesTable = ${JSON.stringify(table, null, 2)};`,
    "",
  ].join("\n");
}
