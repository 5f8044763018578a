import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Finding } from "../src/findings.js";

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
export const RC = path.join(path.dirname(fileURLToPath(import.meta.url)), "rc");
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** `RULE` or `RULE@tool`, sorted: the exact set of findings a fixture must produce. */
export function ids(findings: readonly Finding[]): string[] {
  return findings.map((f) => (f.location.tool ? `${f.ruleId}@${f.location.tool}` : f.ruleId)).sort();
}
