/**
 * Refuses secrets in config files. Config holds credential IDs only; secret values live in the
 * environment (`OCTOPUS_MCP_CREDENTIAL_*`) or the credentials file, and are resolved at call time
 * through `ICredentialResolver`.
 *
 * Two rules:
 * - a key whose name ends in a secret word (`password`, `secret`, `token`, `apiKey`, `privateKey`,
 *   `clientSecret`, `passphrase`, ...) must not hold a non-empty string. Matching the *end* of the
 *   normalised key keeps `credentialId`, `passwordCredentialId`, `tokenUrl`, `maxTokens`,
 *   `secretName` and `tokenTtlMs` legal;
 * - any string value (and any map key) shaped like a known secret is refused wherever it is:
 *   Octopus API keys, JWTs, PEM private keys, GitHub and Slack tokens, URLs with an embedded
 *   password, connection strings with `Password=`.
 *
 * Issue messages name the key and the kind of secret, never the value.
 */
import { joinPointer, type ConfigIssue } from "./config-error.js";
import { normaliseCredentialEnvPart } from "../credentials/credential-env-name.js";

/** Normalised (lower-case, alphanumerics only) endings of keys that name a secret. */
const SECRET_KEY_ENDINGS = [
  "password",
  "passwd",
  "pwd",
  "passphrase",
  "secret",
  "token",
  "apikey",
  "privatekey",
  "secretkey",
] as const;

/** Known secret shapes, first match wins. Sources: Octopus API key format (`API-` + 20+ upper-case alphanumerics), RFC 7519 (JWT), RFC 7468 (PEM), GitHub and Slack token prefixes. */
const SECRET_SHAPES: readonly { readonly kind: string; readonly pattern: RegExp }[] = [
  { kind: "an Octopus API key", pattern: /\bAPI-[A-Z0-9]{20,}\b/ },
  { kind: "a JWT", pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  { kind: "a PEM private key", pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/ },
  { kind: "a GitHub token", pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})\b/ },
  { kind: "a Slack token", pattern: /\bxox[abprse]-[A-Za-z0-9-]{10,}/ },
  { kind: "a connection string with a password", pattern: /(?:^|;)\s*(?:password|pwd)\s*=\s*[^;\s]/i },
];

/** True when `key` names a secret (see module docs). */
export function isSecretKey(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[^a-z0-9]/g, "");
  return SECRET_KEY_ENDINGS.some((ending) => normalised.endsWith(ending));
}

/** What kind of secret `value` looks like (e.g. "an Octopus API key"), or `undefined`. */
export function describeSecretShape(value: string): string | undefined {
  for (const { kind, pattern } of SECRET_SHAPES) if (pattern.test(value)) return kind;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]*@/i.test(value)) {
    try {
      const password = new URL(value).password;
      // `${VAR}` is interpolated later and checked again then.
      if (password !== "" && !/^(?:\$|%24)(?:\{|%7B)/i.test(password))
        return "a URL with an embedded password";
    } catch {
      // Not a URL after all.
    }
  }
  return undefined;
}

/**
 * The fix text of a refused secret: reference a credential ID and put the value in the environment
 * or the credentials file. Under `/tenants/<id>/` the tenant-qualified variable name is given.
 */
export function credentialFix(path: string): string {
  const tenant = /^\/tenants\/([^/]+)\//.exec(path)?.[1];
  const tenantPart = tenant
    ? normaliseCredentialEnvPart(tenant.replace(/~1/g, "/").replace(/~0/g, "~"))
    : undefined;
  const envName = tenantPart ? `OCTOPUS_MCP_CREDENTIAL_${tenantPart}__<ID>` : "OCTOPUS_MCP_CREDENTIAL_<ID>";
  return (
    `remove the secret and reference it by credential ID instead (e.g. "credentialId: <id>"); ` +
    `put the value in the environment variable ${envName} (<ID> = the ID upper-cased, ` +
    `non-alphanumerics as "_") or in the credentials file named by credentials.file`
  );
}

/**
 * Walks a parsed config value and returns one issue per literal secret found.
 * @param value the parsed (not yet interpolated, or interpolated) config or a section of it
 * @param file the file the value came from (for the issues)
 * @param basePath JSON pointer of `value` inside the file; `""` for the whole document
 */
export function findLiteralSecrets(value: unknown, file: string, basePath = ""): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const visit = (node: unknown, path: string, key: string | undefined): void => {
    if (typeof node === "string") {
      if (key !== undefined && node !== "" && isSecretKey(key)) {
        const interpolated = /\$\{[^}]*\}/.test(node.replace(/\$\$\{/g, ""));
        issues.push({
          file,
          path,
          message: interpolated
            ? `"${key}" takes a secret from an environment variable; secrets must not flow through config`
            : `"${key}" holds a literal secret; config files must not contain secrets`,
          fix: credentialFix(path),
        });
        return;
      }
      const kind = describeSecretShape(node);
      if (kind) {
        issues.push({
          file,
          path,
          message: `this value looks like ${kind}; config files must not contain secrets`,
          fix: credentialFix(path),
        });
      }
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item: unknown, index) => visit(item, joinPointer(path, index), undefined));
      return;
    }
    if (typeof node === "object" && node !== null) {
      for (const [childKey, child] of Object.entries(node)) {
        const keyKind = describeSecretShape(childKey);
        if (keyKind) {
          // The key itself is the secret: point at the parent so the pointer never repeats it.
          issues.push({
            file,
            path,
            message: `a key of this object looks like ${keyKind}; config files must not contain secrets`,
            fix: credentialFix(path),
          });
          continue;
        }
        visit(child, joinPointer(path, childKey), childKey);
      }
    }
  };
  visit(value, basePath, undefined);
  return issues;
}
