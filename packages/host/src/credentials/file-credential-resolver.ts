/**
 * Credentials from a YAML or JSON file, read once at startup:
 *
 * ```yaml
 * tenants:
 *   default:            # caller tenant ID
 *     octopus: API-...  # credential ID: secret
 * ```
 *
 * The file must not be readable or writable by group or others (`chmod 600`); its content is
 * never logged, and problems are reported without the values.
 */
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { type ICredentialResolver } from "@octopus-mcp/core";
import { ConfigError, joinPointer, type ConfigIssue } from "../config/config-error.js";
import { parseConfigText } from "../config/config-text.js";
import {
  StaticCredentialResolver,
  type CredentialResolverDependencies,
  type CredentialsByTenant,
} from "./static-credential-resolver.js";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks the shape `{ tenants: { <tenantId>: { <credentialId>: "secret" } } }`; never echoes a value. */
export function parseCredentialsDocument(
  value: unknown,
  file: string,
): { credentials: CredentialsByTenant; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const credentials: Record<string, Record<string, string>> = {};
  const shapeFix = 'use the shape "tenants: { <callerTenantId>: { <credentialId>: <secret> } }"';
  if (!isPlainObject(value)) {
    return {
      credentials,
      issues: [{ file, path: "", message: "the credentials file must be a mapping", fix: shapeFix }],
    };
  }
  for (const key of Object.keys(value)) {
    if (key !== "tenants")
      issues.push({ file, path: joinPointer("", key), message: `unknown key "${key}"`, fix: shapeFix });
  }
  const tenants = value.tenants;
  if (tenants === undefined) {
    issues.push({ file, path: "/tenants", message: 'required key "tenants" is missing', fix: shapeFix });
  } else if (!isPlainObject(tenants)) {
    issues.push({ file, path: "/tenants", message: "must be a mapping of caller tenant IDs", fix: shapeFix });
  } else {
    for (const [tenantId, byId] of Object.entries(tenants)) {
      const tenantPath = joinPointer("/tenants", tenantId);
      if (!isPlainObject(byId)) {
        issues.push({
          file,
          path: tenantPath,
          message: "must be a mapping of credential IDs to secrets",
          fix: shapeFix,
        });
        continue;
      }
      const tenantCredentials: Record<string, string> = {};
      for (const [credentialId, secret] of Object.entries(byId)) {
        if (typeof secret === "string" && secret !== "") tenantCredentials[credentialId] = secret;
        else {
          issues.push({
            file,
            path: joinPointer(tenantPath, credentialId),
            message: `the secret must be a non-empty string, not ${secret === null ? "null" : typeof secret}`,
            fix: "quote the value (YAML reads unquoted digits as numbers)",
          });
        }
      }
      credentials[tenantId] = tenantCredentials;
    }
  }
  return { credentials, issues };
}

/** A credential resolver over a credentials file. Create it with {@link FileCredentialResolver.load}. */
export class FileCredentialResolver implements ICredentialResolver {
  readonly #store: StaticCredentialResolver;

  private constructor(
    /** Absolute path of the file. */
    readonly file: string,
    store: StaticCredentialResolver,
  ) {
    this.#store = store;
  }

  /**
   * Reads, checks and parses the file; every secret in it is registered with the redactor.
   * @throws ConfigError when the file is missing, group/world accessible (fix: `chmod 600 <file>`),
   *   unparseable or of the wrong shape (all problems at once, never with a secret value).
   */
  static async load(
    path: string,
    dependencies: CredentialResolverDependencies,
  ): Promise<FileCredentialResolver> {
    const file = resolve(path);
    let mode: number;
    try {
      mode = (await stat(file)).mode;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
      throw new ConfigError([
        {
          file,
          path: "",
          message: `cannot read the credentials file (${code})`,
          fix: "check credentials.file in the host config (relative paths resolve against the config file)",
        },
      ]);
    }
    // POSIX permission bits only; Windows reports synthetic modes.
    if (process.platform !== "win32" && (mode & 0o077) !== 0) {
      throw new ConfigError([
        {
          file,
          path: "",
          message: `the credentials file is accessible by group or others (mode ${(mode & 0o777).toString(8).padStart(3, "0")})`,
          fix: `chmod 600 ${file}`,
        },
      ]);
    }
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
      throw new ConfigError([
        {
          file,
          path: "",
          message: `cannot read the credentials file (${code})`,
          fix: "point credentials.file at a readable YAML or JSON file",
        },
      ]);
    }
    const parsed = parseConfigText(text, file);
    // Syntax error texts from the parser may quote the line: keep only the position.
    if (parsed.issues.length) {
      throw new ConfigError(
        parsed.issues.map((issue) => ({ ...issue, message: issue.message.replace(/:.*$/s, "") })),
      );
    }
    const { credentials, issues } = parseCredentialsDocument(parsed.value, file);
    if (issues.length) throw new ConfigError(issues);
    return new FileCredentialResolver(file, new StaticCredentialResolver(credentials, dependencies));
  }

  /**
   * The secret of `credentialId` for the current caller tenant.
   * @throws CredentialNotFoundError, TenantContextUnavailableError
   */
  getPasswordAsync(credentialId: string | number): Promise<string> {
    return this.#store.getPasswordAsync(credentialId);
  }
}
