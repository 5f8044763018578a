/**
 * `${ENV_VAR}` interpolation of config string values (never keys). `$${` is a literal `${`.
 * A variable that is not set is an error naming it; an empty value is allowed.
 */
import { joinPointer, type ConfigIssue } from "./config-error.js";

/** One string value that contained at least one `${VAR}` reference. */
export interface InterpolatedValue {
  /** JSON pointer of the value. */
  readonly path: string;
  /** The variables it referenced. */
  readonly variables: readonly string[];
  /** The value after interpolation (may be a secret: never log or echo it). */
  readonly value: string;
}

export interface InterpolationResult {
  /** A deep copy of the input with every string interpolated. */
  readonly value: unknown;
  readonly issues: ConfigIssue[];
  readonly interpolated: InterpolatedValue[];
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TOKEN = /\$\$\{|\$\{([^}]*)\}|\$\{/g;

/**
 * Interpolates every string in `value` from `env`.
 * @param file the file the value came from (for issues)
 * @param basePath JSON pointer of `value` inside the file
 */
export function interpolateEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
  file: string,
  basePath = "",
): InterpolationResult {
  const issues: ConfigIssue[] = [];
  const interpolated: InterpolatedValue[] = [];

  const interpolateString = (text: string, path: string): string => {
    const variables: string[] = [];
    const result = text.replace(TOKEN, (match, name: string | undefined) => {
      if (match === "$${") return "${";
      if (name === undefined) {
        issues.push({
          file,
          path,
          message: 'unterminated "${" in this value',
          fix: 'close it as ${VAR_NAME}, or write "$${" for a literal "${"',
        });
        return match;
      }
      const trimmed = name.trim();
      if (!VARIABLE_NAME.test(trimmed)) {
        issues.push({
          file,
          path,
          message: `"\${${name}}" is not a valid environment variable reference`,
          fix: 'use ${VAR_NAME} with letters, digits and "_" (not starting with a digit), or "$${" for a literal "${"',
        });
        return match;
      }
      variables.push(trimmed);
      const resolved = env[trimmed];
      if (resolved === undefined) {
        issues.push({
          file,
          path,
          message: `environment variable ${trimmed} is not set`,
          fix: `set ${trimmed} in the host's environment, or replace "\${${trimmed}}" with a value`,
        });
        return "";
      }
      return resolved;
    });
    if (variables.length) interpolated.push({ path, variables, value: result });
    return result;
  };

  const visit = (node: unknown, path: string): unknown => {
    if (typeof node === "string") return interpolateString(node, path);
    if (Array.isArray(node)) return node.map((item: unknown, index) => visit(item, joinPointer(path, index)));
    if (typeof node === "object" && node !== null) {
      const copy: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) copy[key] = visit(child, joinPointer(path, key));
      return copy;
    }
    return node;
  };

  return { value: visit(value, basePath), issues, interpolated };
}
