/**
 * The finding model: one broken rule at one place, with the fix. Severities follow ESLint/SARIF
 * (`error` fails the run, `warning` fails it with `--strict`, `info` never fails it).
 */

/** Severity of a finding; `off` only appears in `.pluginlintrc` and disables a rule. */
export type Severity = "error" | "warning" | "info";

/** The five plugin design principles a rule belongs to (docs/plugin-lint.md groups rules by them). */
export type Principle =
  | "credential-safety"
  | "tenant-isolation"
  | "schema-standards"
  | "lifecycle-contract"
  | "graceful-degradation";

export const PRINCIPLES: readonly { readonly id: Principle; readonly title: string }[] = [
  { id: "credential-safety", title: "Credential safety" },
  { id: "tenant-isolation", title: "Tenant isolation" },
  { id: "schema-standards", title: "Schema standards" },
  { id: "lifecycle-contract", title: "Lifecycle contract" },
  { id: "graceful-degradation", title: "Graceful degradation" },
];

/**
 * Where a finding is. A file location (`file` relative to the plugin root, 1-based `line`) or a
 * tool location (`tool` name plus a JSON pointer into its definition, e.g.
 * `/inputSchema/properties/space/description`), or `manifest` plus a pointer into the manifest.
 */
export interface FindingLocation {
  readonly file?: string;
  readonly line?: number;
  readonly tool?: string;
  readonly manifest?: boolean;
  readonly pointer?: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly principle: Principle;
  readonly location: FindingLocation;
  readonly message: string;
  /** How to fix it, one or two sentences. */
  readonly fix: string;
  /** A stack trace (dynamic checks: where the plugin did the forbidden thing). */
  readonly stack?: string;
}

/** What a check produces before the rule catalogue fills in severity, principle and fix. */
export interface RawFinding {
  readonly ruleId: string;
  readonly location: FindingLocation;
  readonly message: string;
  readonly fix?: string;
  readonly stack?: string;
}

/** Human form of a location: `src/x.ts:12`, `tool tasks_get /inputSchema/...`, `manifest /configSchema/...`. */
export function formatLocation(location: FindingLocation): string {
  if (location.file !== undefined) {
    return location.line !== undefined ? `${location.file}:${location.line}` : location.file;
  }
  if (location.tool !== undefined)
    return `tool ${location.tool}${location.pointer ? ` ${location.pointer}` : ""}`;
  if (location.manifest) return `manifest${location.pointer ? ` ${location.pointer}` : ""}`;
  return "plugin";
}
