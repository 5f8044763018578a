/**
 * L-FLOW-1 (reference/lint-rules.md §2.5, after mcp-scan TF001/TF002): classifies every tool of the
 * registry being linted and warns when it holds a toxic combination:
 * - TF001 data leak: an untrusted-input source + a private-data accessor + a public sink;
 * - TF002 destructive flow: an untrusted-input source + a destructive tool.
 * Text planted in a log, event or ticket (untrusted input) can steer the agent into the sink or the
 * destructive tool. A flow is *confirmed* — and not reported — when its sink/destructive tool is a
 * write/delete tool with a `confirmationMessage`: the host's confirmation gate then shows the user
 * exactly what the call will do before it runs (elicitation or `confirm: true`).
 */
import { annotationsFor, type ToolDefinition } from "@octopus-mcp/core";
import type { RawFinding } from "../findings.js";

/** The roles of §2.5. A tool can have several. */
export type FlowRole = "untrusted-input" | "private-data" | "public-sink" | "destructive";

/** Content written by third parties: logs (build output), events, tickets, messages, web pages. */
const UNTRUSTED =
  /\b(?:logs?|log lines?|events?|comments?|tickets?|issues?|e-?mails?|inbox|messages?|chats?|web ?pages?|html|feeds?|rss|release notes|readme)\b/;
/** Secrets and data that must not leave: secrets, credentials, keys, (Octopus) variables, customer data. */
const PRIVATE =
  /\b(?:secrets?|credentials?|passwords?|tokens?|api ?keys?|private keys?|certificates?|variables?|sensitive|customers?|personal data|pii|accounts?)\b/;
/** Sends data outside: posts, messages, e-mails, webhooks, uploads, external issues. */
const SINK =
  /\b(?:send|sends|post|posts|publish(?:es)?|notify|notifies|notifications?|e-?mails?|webhooks?|upload(?:s)?|share(?:s)?|tweet|slack|sms|(?:create|open)s? (?:an? )?(?:issue|ticket|gist|pull request))\b/;
/** Changes or destroys state that matters: §2.5 names deploy and runbook tools. */
const DESTRUCTIVE =
  /\b(?:deploy|deploys|redeploy|rerun|reruns|runbooks?|delete|deletes|remove|removes|destroy|destroys|purge|purges|drop|drops|rollback|roll back|cancel|cancels|kill|terminate|sync|syncs|promote|promotes|execute|executes)\b/;

function text(tool: ToolDefinition): string {
  return `${tool.name.replace(/[_.-]+/g, " ")} ${tool.title ?? ""} ${tool.description}`.toLowerCase();
}

/**
 * The §2.5 roles of `tool`, from its served annotations (access-derived hints plus explicit ones)
 * and keywords in its name, title and description. Untrusted input needs a read-only tool that is
 * not `openWorldHint: false`; sinks and destructive tools need a tool that is not read-only
 * (`destructiveHint: true` alone makes a tool destructive).
 */
export function classifyTool(tool: ToolDefinition): Set<FlowRole> {
  const hints = annotationsFor(tool.access, tool.annotations ?? {});
  const t = text(tool);
  const roles = new Set<FlowRole>();
  const readOnly = hints.readOnlyHint === true;
  if (readOnly && hints.openWorldHint !== false && UNTRUSTED.test(t)) roles.add("untrusted-input");
  if (PRIVATE.test(t)) roles.add("private-data");
  if (!readOnly && SINK.test(t)) roles.add("public-sink");
  if (!readOnly && (hints.destructiveHint === true || DESTRUCTIVE.test(t))) roles.add("destructive");
  return roles;
}

/** A write/delete tool with a confirmationMessage: the host asks the user with that sentence first. */
export function isConfirmed(tool: ToolDefinition): boolean {
  return tool.access !== "read" && typeof tool.confirmationMessage === "function";
}

function names(tools: readonly ToolDefinition[]): string {
  const list = tools.map((t) => t.name);
  return list.length > 4 ? `${list.slice(0, 4).join(", ")} and ${list.length - 4} more` : list.join(", ");
}

/**
 * L-FLOW-1 over one registry (the plugin's tools): one finding per unconfirmed sink or destructive
 * tool that completes a TF001 or TF002 combination, naming the tools on the other side.
 */
export function checkToxicFlows(tools: readonly ToolDefinition[]): RawFinding[] {
  const classified = tools.map((tool) => ({ tool, roles: classifyTool(tool) }));
  const withRole = (role: FlowRole) => classified.filter((c) => c.roles.has(role)).map((c) => c.tool);
  const untrusted = withRole("untrusted-input");
  if (untrusted.length === 0) return [];
  const privateData = withRole("private-data");
  const out: RawFinding[] = [];
  for (const { tool, roles } of classified) {
    if (isConfirmed(tool)) continue;
    const flows: string[] = [];
    if (roles.has("destructive")) {
      flows.push(`TF002 destructive flow: untrusted input from ${names(untrusted)} can steer ${tool.name}`);
    }
    const otherPrivate = privateData.filter((t) => t !== tool);
    if (roles.has("public-sink") && (otherPrivate.length > 0 || roles.has("private-data"))) {
      const source = otherPrivate.length > 0 ? names(otherPrivate) : tool.name;
      flows.push(
        `TF001 data leak: untrusted input from ${names(untrusted)} can make the agent send private data from ${source} out through ${tool.name}`,
      );
    }
    if (flows.length === 0) continue;
    const role = roles.has("destructive") ? "destructive" : "public-sink";
    out.push({
      ruleId: "L-FLOW-1",
      location: { tool: tool.name },
      message: `toxic flow: ${flows.join("; ")} (${tool.name} is ${role === "destructive" ? "destructive" : "a public sink"} and has no confirmationMessage)`,
      fix: `Split ${names(untrusted)} and ${tool.name} into separate plugins; or give ${tool.name} (access "write"/"delete") a confirmationMessage so the host shows the user what it will do; or tighten access (policy readOnly, allowDeletes: false) or deny one side in the host policy (policy.tools.deny: ["${tool.name}"]) for agents that read untrusted content.`,
    });
  }
  return out;
}
