/**
 * Variable sets (`GET /{spaceId}/variables/{id}`, reference §10.16) as compact rows. Sensitive
 * values are never returned: Octopus sends them as null, and we replace any value of a sensitive
 * variable by a marker anyway, so a misbehaving server cannot leak one through us.
 */
import { truncateText } from "@octopus-mcp/octopus-api";

export interface OctopusVariable {
  readonly Id?: string;
  readonly Name: string;
  readonly Value?: string | null;
  readonly IsSensitive?: boolean;
  readonly Type?: string;
  readonly Description?: string | null;
  readonly Scope?: Readonly<Record<string, readonly string[]>>;
  readonly Prompt?: { readonly Label?: string; readonly Required?: boolean } | null;
}

export interface VariableSetResource {
  readonly Id: string;
  readonly OwnerId?: string;
  readonly Version?: number;
  readonly Variables?: readonly OctopusVariable[];
  readonly ScopeValues?: Readonly<Record<string, readonly { readonly Id: string; readonly Name: string }[]>>;
}

export const SENSITIVE_MARKER = "<sensitive>";

/** `Scope` key -> `ScopeValues` key. */
const SCOPE_VALUES_KEY: Readonly<Record<string, string>> = {
  Environment: "Environments",
  Machine: "Machines",
  Role: "Roles",
  TargetRole: "Roles",
  Channel: "Channels",
  Action: "Actions",
  TenantTag: "TenantTags",
  ProcessOwner: "Processes",
};

/** `Environment=Production,Staging; Role=web` (IDs replaced by names; stable order). */
export function scopeLabel(variable: OctopusVariable, set: VariableSetResource): string | undefined {
  const parts: string[] = [];
  for (const key of Object.keys(variable.Scope ?? {}).sort()) {
    const ids = variable.Scope?.[key] ?? [];
    if (ids.length === 0) continue;
    const values = set.ScopeValues?.[SCOPE_VALUES_KEY[key] ?? `${key}s`] ?? [];
    const names = ids.map((id) => values.find((v) => v.Id === id)?.Name ?? id).sort();
    parts.push(`${key}=${names.join(",")}`);
  }
  return parts.length > 0 ? parts.join("; ") : undefined;
}

/** The value an agent may see: the marker for sensitive variables, otherwise the value cut to `max`. */
export function visibleValue(variable: OctopusVariable, max = 200): string | undefined {
  if (variable.IsSensitive || variable.Type === "Sensitive") return SENSITIVE_MARKER;
  return truncateText(variable.Value ?? undefined, max);
}

/** Identity of a variable inside a set: name + scope. */
export function variableKey(variable: OctopusVariable, set: VariableSetResource): string {
  return `${variable.Name}\u0000${scopeLabel(variable, set) ?? ""}`;
}

export interface VariableDiff {
  readonly added: readonly { name: string; scope?: string; value?: string }[];
  readonly removed: readonly { name: string; scope?: string }[];
  readonly changed: readonly { name: string; scope?: string; from?: string; to?: string }[];
}

/**
 * Differences between two variable snapshots, keyed by name + scope. Sensitive values cannot be
 * compared (Octopus never returns them): such variables count as changed only when their
 * sensitivity flips.
 */
export function diffVariables(from: VariableSetResource, to: VariableSetResource): VariableDiff {
  const index = (set: VariableSetResource) =>
    new Map((set.Variables ?? []).map((v) => [variableKey(v, set), v] as const));
  const a = index(from);
  const b = index(to);
  const added: { name: string; scope?: string; value?: string }[] = [];
  const removed: { name: string; scope?: string }[] = [];
  const changed: { name: string; scope?: string; from?: string; to?: string }[] = [];
  const withScope = <T extends object>(o: T, scope: string | undefined): T => (scope ? { ...o, scope } : o);
  for (const [key, v] of b) {
    const old = a.get(key);
    const scope = scopeLabel(v, to);
    if (!old) {
      const value = visibleValue(v, 80);
      added.push(withScope({ name: v.Name, ...(value !== undefined ? { value } : {}) }, scope));
      continue;
    }
    const before = visibleValue(old, 80);
    const after = visibleValue(v, 80);
    const same =
      (old.IsSensitive ?? false) === (v.IsSensitive ?? false) &&
      (old.IsSensitive ? true : (old.Value ?? "") === (v.Value ?? ""));
    if (!same) {
      changed.push(
        withScope(
          {
            name: v.Name,
            ...(before !== undefined ? { from: before } : {}),
            ...(after !== undefined ? { to: after } : {}),
          },
          scope,
        ),
      );
    }
  }
  for (const [key, v] of a) {
    if (!b.has(key)) removed.push(withScope({ name: v.Name }, scopeLabel(v, from)));
  }
  return { added, removed, changed };
}
