/**
 * Config problems. Every loader step collects {@link ConfigIssue}s instead of throwing on the first
 * one, so an operator sees every mistake in one run and fixes them all at once.
 */

/** One problem in a config (or credentials) file. */
export interface ConfigIssue {
  /** The file the problem is in (absolute path), or `<inline config>` for programmatic config. */
  readonly file: string;
  /** JSON pointer (RFC 6901) to the offending value, e.g. `/tenants/acme/octopus/credentialId`; `""` = the whole document. */
  readonly path: string;
  /** What is wrong. Never contains a secret value. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** The `file` of issues about config that did not come from a file. */
export const INLINE_CONFIG_FILE = "<inline config>";

/** `file:path: message (fix: ...)`; the root path is shown as `/`. */
export function formatConfigIssue(issue: ConfigIssue): string {
  return `${issue.file}:${issue.path === "" ? "/" : issue.path}: ${issue.message} (fix: ${issue.fix})`;
}

/**
 * Thrown when a config is invalid. `issues` holds every problem found (never only the first);
 * the message lists them one per line as `file:path: message (fix: ...)`.
 */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  /** @param summary first line of the message; default "Invalid configuration (N problems):". */
  constructor(issues: readonly ConfigIssue[], summary?: string) {
    const head =
      summary ?? `Invalid configuration (${issues.length} problem${issues.length === 1 ? "" : "s"}):`;
    super([head, ...issues.map((issue) => `  ${formatConfigIssue(issue)}`)].join("\n"));
    this.name = "ConfigError";
    this.issues = issues;
  }
}

/** Escapes one JSON pointer segment (RFC 6901: `~` -> `~0`, `/` -> `~1`). */
export function escapePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** `base` + `/segment` with escaping. */
export function joinPointer(base: string, ...segments: readonly (string | number)[]): string {
  return segments.reduce<string>((acc, s) => `${acc}/${escapePointerSegment(s)}`, base);
}
