/**
 * Access policy enforcement (issue 2 "read-only"; the policy shape is `AccessPolicy` in the host
 * config). A caller tenant's policy can only tighten the host's: read-only wins, deletes need both
 * to allow them, plugin lists intersect, allow lists must both match, deny lists add up.
 * Blocked tools are hidden from `tools/list` and refused at `tools/call`.
 */
import type { ToolAccess } from "@octopus-mcp/core";
import type { AccessPolicy } from "../config/types.js";

/** The policy in force for one caller tenant. */
export interface EffectivePolicy {
  readonly readOnly: boolean;
  readonly allowDeletes: boolean;
  /** Every list must contain the namespace; empty array = none, no entry = all. */
  readonly pluginLists: readonly (readonly string[])[];
  /** Every list must match the tool name. */
  readonly allowLists: readonly (readonly string[])[];
  readonly deny: readonly string[];
}

/** Combines the host policy with the caller tenant's (tighten only). */
export function effectivePolicy(host: AccessPolicy, tenant: AccessPolicy | undefined): EffectivePolicy {
  const layers = tenant ? [host, tenant] : [host];
  return {
    readOnly: layers.some((p) => p.readOnly === true),
    // Deletes are opt-in on the host; a tenant can only take them away.
    allowDeletes: host.allowDeletes === true && tenant?.allowDeletes !== false,
    pluginLists: layers.flatMap((p) => (p.plugins ? [p.plugins] : [])),
    allowLists: layers.flatMap((p) => (p.tools?.allow ? [p.tools.allow] : [])),
    deny: layers.flatMap((p) => p.tools?.deny ?? []),
  };
}

/** `true` when `name` matches `pattern` (exact, or `*` as a wildcard, e.g. `deployments_*`). */
export function matchesToolPattern(name: string, pattern: string): boolean {
  if (!pattern.includes("*")) return name === pattern;
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return regex.test(name);
}

export type AccessDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly code: "read_only" | "forbidden"; readonly message: string };

/** Decides whether a tool may be listed and called under `policy`. */
export function decideAccess(
  tool: { readonly name: string; readonly access: ToolAccess; readonly namespace: string },
  policy: EffectivePolicy,
): AccessDecision {
  if (policy.readOnly && tool.access !== "read") {
    return {
      allowed: false,
      code: "read_only",
      message: `Tool "${tool.name}" ${tool.access === "delete" ? "deletes" : "changes"} data and the host runs read-only. Ask the operator to lift read-only mode if this change is intended.`,
    };
  }
  if (tool.access === "delete" && !policy.allowDeletes) {
    return {
      allowed: false,
      code: "read_only",
      message: `Tool "${tool.name}" deletes data and deletes are not allowed by policy (policy.allowDeletes).`,
    };
  }
  if (policy.pluginLists.some((list) => !list.includes(tool.namespace))) {
    return {
      allowed: false,
      code: "forbidden",
      message: `Plugin "${tool.namespace}" is not enabled for this caller tenant.`,
    };
  }
  if (policy.deny.some((p) => matchesToolPattern(tool.name, p))) {
    return { allowed: false, code: "forbidden", message: `Tool "${tool.name}" is denied by policy.` };
  }
  if (policy.allowLists.some((list) => !list.some((p) => matchesToolPattern(tool.name, p)))) {
    return {
      allowed: false,
      code: "forbidden",
      message: `Tool "${tool.name}" is not in the policy's allow list.`,
    };
  }
  return { allowed: true };
}
