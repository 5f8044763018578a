/**
 * Manifest checks: L-LIFE-1 (manifest and lifecycle methods present), L-CRED-1 (config keys that
 * would hold a credential instead of a credential ID) and L-SECRET-1 (literal secrets in the
 * config schema's defaults, examples and enums).
 */
import type { RawFinding } from "../findings.js";
import { findOctopusApiKeys } from "./secret-scan.js";

/** Key names that hold a secret; `...Id`, `...Ids`, `...Ref`, `...File`, `...Env` hold a reference instead. */
const CREDENTIAL_KEY =
  /(?:password|passwd|secret|token|api[-_]?key|apikey|private[-_]?key|credential|bearer|auth)s?$/i;
const REFERENCE_SUFFIX = /(?:id|ids|ref|refs|file|path|name|env|url|type|types|header|ttl|ttlms|prefix)$/i;

/** Whether a config key looks like it holds a secret value (`apiKey`, `token`) rather than an ID (`apiKeyCredentialId`). */
export function isCredentialKey(name: string): boolean {
  return CREDENTIAL_KEY.test(name) && !REFERENCE_SUFFIX.test(name);
}

/** A string that looks like a literal secret: an Octopus API key, a JWT, or a long bearer/token value. */
export function looksLikeSecret(value: string): boolean {
  if (findOctopusApiKeys(value).length > 0) return true;
  if (/^eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$/.test(value)) return true;
  if (/^(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{16,}$/.test(value)) return true;
  return /^(?:ghp|gho|ghs|glpat|xox[bap]|sk|AKIA)[-_A-Za-z0-9]{16,}$/.test(value);
}

export function checkLifecycleShape(plugin: Record<string, unknown> | undefined): RawFinding[] {
  if (!plugin) {
    return [
      {
        ruleId: "L-LIFE-1",
        location: {},
        message: "the module's default export is neither a plugin object nor a factory returning one",
      },
    ];
  }
  const out: RawFinding[] = [];
  const manifest = plugin.manifest as Record<string, unknown> | undefined;
  if (!manifest || typeof manifest !== "object") {
    out.push({ ruleId: "L-LIFE-1", location: { manifest: true }, message: "the plugin has no manifest" });
  } else {
    for (const key of ["name", "version", "namespace", "description", "hostVersion"]) {
      if (typeof manifest[key] !== "string" || manifest[key] === "") {
        out.push({
          ruleId: "L-LIFE-1",
          location: { manifest: true, pointer: `/${key}` },
          message: `manifest.${key} must be a non-empty string`,
        });
      }
    }
  }
  for (const method of ["onRegister", "onStartAsync", "onStopAsync"]) {
    if (typeof plugin[method] !== "function") {
      out.push({
        ruleId: "L-LIFE-1",
        location: {},
        message: `lifecycle method ${method} is not implemented`,
      });
    }
  }
  return out;
}

function visitSchema(schema: unknown, pointer: string, out: RawFinding[], depth: number): void {
  if (!schema || typeof schema !== "object" || Array.isArray(schema) || depth > 32) return;
  const s = schema as Record<string, unknown>;
  const props =
    s.properties && typeof s.properties === "object" ? (s.properties as Record<string, unknown>) : {};
  for (const [name, sub] of Object.entries(props)) {
    const p = `${pointer}/properties/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    const type = (sub as Record<string, unknown> | undefined)?.type;
    if (isCredentialKey(name) && (type === undefined || type === "string")) {
      out.push({
        ruleId: "L-CRED-1",
        location: { manifest: true, pointer: p },
        message: `config key "${name}" would hold a credential; config holds credential IDs only`,
        fix: `Rename it to "${name}CredentialId" (a credential ID) and resolve the secret with ICredentialResolver.getPasswordAsync at call time.`,
      });
    }
    visitSchema(sub, p, out, depth + 1);
  }
  for (const key of ["default", "const"]) {
    if (typeof s[key] === "string" && looksLikeSecret(s[key] as string)) {
      out.push({
        ruleId: "L-SECRET-1",
        location: { manifest: true, pointer: `${pointer}/${key}` },
        message: `"${key}" holds a literal secret`,
      });
    }
  }
  for (const key of ["examples", "enum"]) {
    const list = s[key];
    if (Array.isArray(list)) {
      list.forEach((v, i) => {
        if (typeof v === "string" && looksLikeSecret(v)) {
          out.push({
            ruleId: "L-SECRET-1",
            location: { manifest: true, pointer: `${pointer}/${key}/${i}` },
            message: `"${key}" holds a literal secret`,
          });
        }
      });
    }
  }
  for (const key of ["items", "additionalProperties"])
    visitSchema(s[key], `${pointer}/${key}`, out, depth + 1);
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    if (Array.isArray(s[key]))
      (s[key] as unknown[]).forEach((sub, i) => visitSchema(sub, `${pointer}/${key}/${i}`, out, depth + 1));
  }
  const defs = s.$defs ?? s.definitions;
  if (defs && typeof defs === "object") {
    for (const [name, sub] of Object.entries(defs as Record<string, unknown>))
      visitSchema(sub, `${pointer}/$defs/${name}`, out, depth + 1);
  }
}

/** L-CRED-1 and L-SECRET-1 over `manifest.configSchema`. */
export function checkConfigSchema(manifest: Record<string, unknown> | undefined): RawFinding[] {
  const out: RawFinding[] = [];
  if (manifest?.configSchema !== undefined) visitSchema(manifest.configSchema, "/configSchema", out, 0);
  return out;
}
