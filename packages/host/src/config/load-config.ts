/**
 * Loading the host config: read (YAML or JSON) -> refuse literal secrets -> `${ENV}` interpolation
 * -> refuse secrets that arrived through interpolation -> Ajv validation against
 * {@link hostConfigSchema} with defaults -> semantic checks. Every problem of every step is
 * collected and thrown together as one {@link ConfigError}.
 */
import { readFile } from "node:fs/promises";
import type { ErrorObject } from "ajv";
import { dirname, isAbsolute, resolve } from "node:path";
import { ConfigError, INLINE_CONFIG_FILE, joinPointer, type ConfigIssue } from "./config-error.js";
import { parseConfigText } from "./config-text.js";
import { interpolateEnv } from "./env-interpolation.js";
import { credentialFix, describeSecretShape, findLiteralSecrets } from "./literal-secrets.js";
import { validate as validateGenerated } from "../json-schema/generated/host-config-validator.js";
import { schemaErrorsToIssues } from "./schema-issues.js";
import { type HostConfig, type HostConfigInput } from "./types.js";
import { normaliseCredentialEnvPart } from "../credentials/credential-env-name.js";

export interface ParseConfigOptions {
  /** Absolute path of the file `raw` came from (relative paths in the config resolve against its folder); `undefined` for programmatic config. */
  readonly sourceFile: string | undefined;
  /** Variables for `${VAR}` interpolation. Default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Interpolate `${VAR}` references. Default true; `defaultHostConfig` turns it off. */
  readonly interpolate?: boolean;
}

/** The precompiled validator's contract (Ajv `ValidateFunction`: defaults and coercions are applied in place). */
type HostConfigValidator = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

function validateHostConfig(value: unknown) {
  // Precompiled from hostConfigSchema (see json-schema/host-config-validator-source.ts): compiling it here cost
  // most of a stdio host's cold start.
  const validate = validateGenerated as HostConfigValidator;
  const valid = validate(value);
  return { valid, errors: validate.errors };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep copy of plain data (what YAML/JSON produce); the input is never mutated. */
function clonePlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clonePlain);
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clonePlain(v)]));
  return value;
}

/** Checks the schema cannot express. */
function semanticIssues(config: Record<string, unknown>, file: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const http = config.http as HostConfig["http"];
  if (http.initialBackoffMs > http.maxBackoffMs) {
    issues.push({
      file,
      path: "/http/initialBackoffMs",
      message: `initialBackoffMs (${http.initialBackoffMs}) is larger than maxBackoffMs (${http.maxBackoffMs})`,
      fix: "lower initialBackoffMs or raise maxBackoffMs",
    });
  }
  const lifecycle = config.lifecycle as HostConfig["lifecycle"];
  if (lifecycle.pluginStopTimeoutMs > lifecycle.stopTimeoutMs) {
    issues.push({
      file,
      path: "/lifecycle/pluginStopTimeoutMs",
      message: `pluginStopTimeoutMs (${lifecycle.pluginStopTimeoutMs}) is larger than the whole-shutdown bound stopTimeoutMs (${lifecycle.stopTimeoutMs})`,
      fix: "lower pluginStopTimeoutMs or raise stopTimeoutMs",
    });
  }
  // Credential variables are named after the normalised tenant ID; two tenants sharing a name
  // would read each other's secrets.
  const byEnvName = new Map<string, string>();
  for (const tenantId of Object.keys((config.tenants as Record<string, unknown> | undefined) ?? {})) {
    const envName = normaliseCredentialEnvPart(tenantId);
    const other = byEnvName.get(envName);
    if (other !== undefined) {
      issues.push({
        file,
        path: joinPointer("/tenants", tenantId),
        message: `caller tenants "${other}" and "${tenantId}" share the credential variable prefix OCTOPUS_MCP_CREDENTIAL_${envName}__`,
        fix: "rename one of them so their IDs differ in more than case and punctuation",
      });
    } else byEnvName.set(envName, tenantId);
  }
  return issues;
}

function resolveRelative(path: string | undefined, base: string | undefined): string | undefined {
  if (path === undefined || base === undefined || isAbsolute(path)) return path;
  return resolve(dirname(base), path);
}

/**
 * Validates a parsed config object and returns the {@link HostConfig} (defaults applied, `${VAR}`
 * interpolated, `logging.file` and `credentials.file` made absolute against the config file's
 * folder). `raw` is not mutated.
 * @throws ConfigError listing every problem (file, JSON pointer, message, fix).
 */
export function parseConfig(raw: unknown, options: ParseConfigOptions): HostConfig {
  const file = options.sourceFile ?? INLINE_CONFIG_FILE;
  const raw0 = raw ?? {};
  if (!isPlainObject(raw0)) {
    throw new ConfigError([
      {
        file,
        path: "",
        message: `the config must be an object (a YAML mapping), not ${Array.isArray(raw0) ? "an array" : typeof raw0}`,
        fix: "start the file with top-level keys such as tenants: and plugins:",
      },
    ]);
  }

  const issues: ConfigIssue[] = findLiteralSecrets(raw0, file);
  let value: unknown = clonePlain(raw0);
  if (options.interpolate !== false) {
    const result = interpolateEnv(value, options.env ?? process.env, file);
    issues.push(...result.issues);
    value = result.value;
    const alreadyRefused = new Set(issues.map((issue) => issue.path));
    for (const { path, variables, value: expanded } of result.interpolated) {
      const kind = alreadyRefused.has(path) ? undefined : describeSecretShape(expanded);
      if (kind) {
        issues.push({
          file,
          path,
          message: `${variables.map((v) => `\${${v}}`).join(", ")} expands to a value that looks like ${kind}; secrets must not flow through config`,
          fix: credentialFix(path),
        });
      }
    }
  }

  const { valid, errors } = validateHostConfig(value);
  if (!valid) issues.push(...schemaErrorsToIssues(errors, file));
  else issues.push(...semanticIssues(value as Record<string, unknown>, file));
  if (issues.length) throw new ConfigError(issues);

  const { $schema: _schema, ...rest } = value as Record<string, unknown> & { $schema?: string };
  const config = Object.fromEntries(Object.entries(rest).filter(([key]) => !key.startsWith("x-")));
  const validated = config as unknown as Omit<HostConfig, "sourceFile">;
  const loggingFile = resolveRelative(validated.logging.file, options.sourceFile);
  const credentialsFile = resolveRelative(validated.credentials.file, options.sourceFile);
  return {
    ...validated,
    sourceFile: options.sourceFile,
    logging: { ...validated.logging, ...(loggingFile === undefined ? {} : { file: loggingFile }) },
    credentials: {
      ...validated.credentials,
      ...(credentialsFile === undefined ? {} : { file: credentialsFile }),
    },
  };
}

/**
 * Reads and validates a config file (YAML, or JSON for `.json` / text starting with `{`).
 * @param path the file; relative paths resolve against the current directory
 * @throws ConfigError for an unreadable file, syntax errors, or any invalid value (all at once).
 */
export async function loadConfigFile(
  path: string,
  options: { readonly env?: NodeJS.ProcessEnv } = {},
): Promise<HostConfig> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([
      {
        file,
        path: "",
        message: `cannot read the config file (${code ?? (error as Error).message})`,
        fix:
          code === "ENOENT"
            ? "check the path given with --config (relative paths resolve against the current directory)"
            : "check the file's permissions",
      },
    ]);
  }
  const parsed = parseConfigText(text, file);
  if (parsed.issues.length) throw new ConfigError(parsed.issues);
  return parseConfig(parsed.value, { sourceFile: file, ...(options.env ? { env: options.env } : {}) });
}

/**
 * The built-in config with `overrides` applied (programmatic use: tests, testkit, embedded hosts).
 * No `${VAR}` interpolation; literal secrets are still refused.
 * @throws ConfigError when an override is invalid.
 */
export function defaultHostConfig(overrides: HostConfigInput = {}): HostConfig {
  return parseConfig(overrides, { sourceFile: undefined, interpolate: false });
}
