/**
 * L-SECRET-2 (raw secrets in source and config files: secretlint's recommended preset plus Octopus
 * API-key shapes) and L-CRED-2 (reading `process.env` in plugin source).
 */
import { lintSource } from "@secretlint/core";
import { creator as recommendPreset } from "@secretlint/secretlint-rule-preset-recommend";
import type { RawFinding } from "../findings.js";
import { lineOf, type SourceFile } from "./source-files.js";

/**
 * Octopus API keys are `API-` followed by 25+ upper-case letters and digits (Octopus docs, "How to
 * create an API key"). Placeholder runs of one repeated character or `X` are not reported.
 */
export const OCTOPUS_API_KEY = /\bAPI-[A-Z0-9]{25,}\b/g;

function isPlaceholderKey(key: string): boolean {
  const body = key.slice(4);
  return (
    /^(.)\1+$/.test(body) ||
    /^X+$/i.test(body) ||
    /^[0-9A-Z]*(?:EXAMPLE|PLACEHOLDER|REDACTED)[0-9A-Z]*$/.test(body)
  );
}

/** Octopus API keys in `text`, with their character offsets. */
export function findOctopusApiKeys(text: string): { key: string; index: number }[] {
  const out: { key: string; index: number }[] = [];
  for (const m of text.matchAll(OCTOPUS_API_KEY)) {
    if (!isPlaceholderKey(m[0])) out.push({ key: m[0], index: m.index ?? 0 });
  }
  return out;
}

/** Scans files with secretlint (recommended preset) and the Octopus key pattern. Secrets are never echoed. */
export async function scanSecrets(files: readonly SourceFile[]): Promise<RawFinding[]> {
  const findings: RawFinding[] = [];
  for (const file of files) {
    const result = await lintSource({
      source: { content: file.content, filePath: file.abs, contentType: "text" },
      options: {
        maskSecrets: true,
        config: { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommendPreset }] },
      },
    });
    for (const m of result.messages) {
      findings.push({
        ruleId: "L-SECRET-2",
        location: { file: file.rel, line: m.loc.start.line },
        message: `secretlint ${m.ruleId}: ${m.message}`,
      });
    }
    for (const { index } of findOctopusApiKeys(file.content)) {
      findings.push({
        ruleId: "L-SECRET-2",
        location: { file: file.rel, line: lineOf(file.content, index) },
        message: "an Octopus API key (API-...) is written in this file",
      });
    }
  }
  return findings;
}

const CODE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const ENV_READ =
  /\bprocess\s*\.\s*env\b(?:\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*["'`]([^"'`]+)["'`]\s*\]))?|\bimport\.meta\.env\b/g;

/**
 * Environment variables a plugin may read: process plumbing that is never a credential or a
 * setting (locating executables, temp folders, locale). Everything else comes from the config or
 * ICredentialResolver.
 */
export const ALLOWED_ENV_KEYS = new Set([
  "PATH",
  "Path",
  "PATHEXT",
  "HOME",
  "USERPROFILE",
  "TMPDIR",
  "TEMP",
  "TMP",
  "LANG",
  "LC_ALL",
  "TZ",
  "SystemRoot",
  "NODE_ENV",
]);

/** L-CRED-2: `process.env` reads in code files, except {@link ALLOWED_ENV_KEYS}; a bare `process.env` (the whole environment) counts. */
export function scanEnvAccess(files: readonly SourceFile[]): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const file of files) {
    if (!CODE_FILE.test(file.rel)) continue;
    const lines = file.content.split("\n");
    for (const m of file.content.matchAll(ENV_READ)) {
      const key = m[1] ?? m[2];
      if (key !== undefined && ALLOWED_ENV_KEYS.has(key)) continue;
      const line = lineOf(file.content, m.index ?? 0);
      const text = lines[line - 1]?.trim() ?? "";
      if (/^(?:\/\/|\*|\/\*)/.test(text)) continue;
      findings.push({
        ruleId: "L-CRED-2",
        location: { file: file.rel, line },
        message: `reads the environment (${m[0].replace(/\s+/g, "")}): credentials and settings must come from ICredentialResolver and the plugin config`,
      });
    }
  }
  return findings;
}
