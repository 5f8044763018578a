/**
 * Figure 4: context economy. Characters an agent pays for: each first-party plugin's `tools/list`
 * contribution against its budget (deployments 12,000, tasks 10,000, argocd 10,000; issues 4-6),
 * the whole listing, and the characters returned by a fixed set of investigation calls against
 * the sandbox (the demo's steps and more), with the per-answer budgets the plugin issues set.
 * The values are deterministic (same seed, same code): one measurement each; they move only
 * when tool descriptions, schemas or answers change, which is what this figure is for.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { createHost, defaultHostConfig, StaticCredentialResolver } from "@octopus-mcp/host";
import { startSandbox, type NotableDeployment } from "@octopus-mcp/sandbox";
import { firstPartyConfig, firstPartySecrets } from "../first-party.js";
import { comparison, metric, type Comparison, type FigureResult, type Metric } from "../report.js";
import type { BenchSettings } from "../settings.js";
import { nullDestination } from "./host-overhead.js";

/** tools/list budget per namespace, in characters (issues 4, 5, 6). */
export const LIST_BUDGETS: Readonly<Record<string, number>> = {
  deployments: 12_000,
  tasks: 10_000,
  argocd: 10_000,
};

interface Investigation {
  readonly label: string;
  readonly tool: string;
  readonly args: Record<string, unknown>;
  /** Budget of this answer in characters, from the plugin issue, when it sets one. */
  readonly budget?: number;
}

function notable(list: readonly NotableDeployment[], project: string, state: string): NotableDeployment {
  const found = list.find((n) => n.project === project && n.state === state);
  if (!found) throw new Error(`the sandbox seed has no ${state} deployment of ${project} (SEED.md changed?)`);
  return found;
}

/** The fixed investigation: what an agent does to find why a deployment failed, and around it. */
function investigation(list: readonly NotableDeployment[]): Investigation[] {
  const migration = notable(list, "inventory", "Failed");
  const fiftySteps = notable(list, "erp-sync", "Failed");
  return [
    { label: "list spaces", tool: "deployments_list_spaces", args: {} },
    { label: "dashboard (Default space)", tool: "deployments_get_dashboard", args: {} },
    {
      label: "recent deployments of checkout",
      tool: "deployments_list_deployments",
      args: { project: "checkout", limit: 10 },
    },
    {
      label: `get deployment ${migration.deploymentId} (failed migration)`,
      tool: "deployments_get_deployment",
      args: { deployment: migration.deploymentId },
      budget: 1500,
    },
    {
      label: `get task ${fiftySteps.taskId} (~50-step failed deployment)`,
      tool: "tasks_get_task",
      args: { task: fiftySteps.taskId },
      budget: 2500,
    },
    {
      label: `explain failure of ${migration.taskId}`,
      tool: "tasks_explain_failure",
      args: { task: migration.taskId },
    },
    {
      label: `grep "error" in ${migration.taskId} (20 matches max)`,
      tool: "tasks_grep_log",
      args: { task: migration.taskId, pattern: "error", ignoreCase: true, maxMatches: 20 },
    },
    {
      label: `tail 50 lines of ${migration.taskId}`,
      tool: "tasks_read_log",
      args: { task: migration.taskId, tail: 50 },
    },
    { label: "pending interruptions", tool: "tasks_find_interruptions", args: { pendingOnly: true } },
    {
      label: "compare checkout releases 2.6.2 and 2.6.4",
      tool: "deployments_compare_releases",
      args: { project: "checkout", from: "2.6.2", to: "2.6.4" },
    },
    { label: "Argo CD instances", tool: "argocd_list_instances", args: {} },
    {
      label: "Argo CD applications of checkout in production",
      tool: "argocd_find_applications",
      args: { project: "checkout", environment: "production" },
    },
    {
      label: "Argo CD applications of customer-portal in production for Octopus tenant acme-retail",
      tool: "argocd_find_applications",
      args: { project: "customer-portal", environment: "production", tenant: "acme-retail" },
    },
    {
      label: "Argo CD deployment preview of checkout to production",
      tool: "argocd_preview_deployment",
      args: { project: "checkout", environment: "production" },
    },
    { label: "validate Argo CD annotations", tool: "argocd_validate_annotations", args: {} },
  ];
}

/** Characters of a tool as listed (its JSON in the tools/list answer). */
function toolChars(tool: Tool): number {
  return JSON.stringify(tool).length;
}

/** Characters of text content (what most clients put in the model's context). */
function textChars(result: CallToolResult): number {
  return result.content.reduce(
    (sum, c) => sum + (c.type === "text" ? c.text.length : JSON.stringify(c).length),
    0,
  );
}

export async function contextEconomy(_settings: BenchSettings): Promise<FigureResult> {
  const started = performance.now();
  const sandbox = await startSandbox({ port: 0, scale: 1, seed: 1 });
  const host = createHost({
    config: defaultHostConfig(firstPartyConfig(sandbox, "warn")),
    credentials: (deps) => new StaticCredentialResolver({ default: firstPartySecrets(sandbox) }, deps),
    logDestination: nullDestination(),
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "bench", version: "1.0.0" });
  try {
    await host.start();
    await host.connect(serverSide);
    await client.connect(clientSide);
    const tools: Tool[] = [];
    let page = await client.listTools();
    tools.push(...page.tools);
    while (page.nextCursor) {
      page = await client.listTools({ cursor: page.nextCursor });
      tools.push(...page.tools);
    }
    const metrics: Record<string, Metric> = {};
    const comparisons: Record<string, Comparison> = {};
    for (const [namespace, budget] of Object.entries(LIST_BUDGETS)) {
      const own = tools.filter((t) => t.name.startsWith(`${namespace}_`));
      if (own.length === 0) throw new Error(`no ${namespace}_* tool listed: the plugin did not load`);
      const chars = own.reduce((sum, t) => sum + toolChars(t), 0);
      metrics[`list_${namespace}`] = metric(`tools/list: ${namespace} (${own.length} tools)`, "chars", [
        chars,
      ]);
      comparisons[`list_${namespace}`] = comparison(
        `tools/list ${namespace} / budget ${budget}`,
        [chars / budget],
        { op: "<=", value: 1 },
      );
    }
    metrics.list_total = metric(`tools/list: whole answer (${tools.length} tools)`, "chars", [
      JSON.stringify({ tools }).length,
    ]);
    const notes: string[] = [];
    let totalText = 0;
    for (const [index, step] of investigation(sandbox.state.notable).entries()) {
      const result = (await client.callTool({ name: step.tool, arguments: step.args })) as CallToolResult;
      const text = textChars(result);
      totalText += text;
      const key = `call${index + 1}_${step.tool}`;
      metrics[key] = metric(`${step.label} (${step.tool}): text content`, "chars", [text]);
      metrics[`${key}_json`] = metric(
        `${step.label}: whole result JSON (content + structuredContent)`,
        "chars",
        [JSON.stringify(result).length],
      );
      if (step.budget !== undefined)
        comparisons[key] = comparison(`${step.tool} answer / budget ${step.budget}`, [text / step.budget], {
          op: "<=",
          value: 1,
        });
      if (result.isError)
        notes.push(
          `${step.tool} answered with an error: ${textChars(result) > 0 ? (result.content[0] as { text?: string }).text?.slice(0, 200) : ""}`,
        );
    }
    metrics.investigation_total = metric("Investigation: all answers, text content", "chars", [totalText]);
    return {
      id: "contextEconomy",
      title: "4. Context economy",
      method:
        "The three first-party plugins (by path) in a host against a sandbox (scale 1, seed 1) over the in-memory transport: characters of each plugin's tools in tools/list (JSON of each tool) against its budget, the whole answer, and the characters returned by a fixed investigation (text content; the whole result JSON too). Deterministic: one measurement each.",
      metrics,
      comparisons,
      checks: [],
      notes,
      durationMs: performance.now() - started,
    };
  } finally {
    await client.close();
    await host.stop();
    await sandbox.stop();
  }
}
