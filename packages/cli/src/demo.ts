/**
 * `pnpm demo` / `octopus-mcp demo`: a scripted MCP client session against the embedded default
 * (sandbox + three first-party plugins), printed as a readable transcript of a real investigation:
 * latest failed Production deployment -> why it failed (task summary, log grep) -> the project's
 * Argo CD applications in Production -> a dry-run preview of promoting the previous good release.
 * Each step shows its size in tokens (characters / 4), and the total.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { createHost } from "@octopus-mcp/host";
import { argoCdProjects } from "@octopus-mcp/sandbox";
import { startEmbeddedDefault } from "./embedded-default.js";

/** One step of the transcript. */
export interface DemoStep {
  readonly title: string;
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** `structuredContent` of the result (the error body when `isError`). */
  readonly result: Record<string, unknown>;
  readonly isError: boolean;
  /** Characters of the serialised result / 4, rounded up. */
  readonly tokens: number;
}

export interface DemoTranscript {
  readonly steps: DemoStep[];
  readonly totalTokens: number;
}

const tokensOf = (text: string): number => Math.ceil(text.length / 4);

type Item = Record<string, unknown>;
const items = (result: Item, key: string): Item[] =>
  Array.isArray(result[key]) ? (result[key] as Item[]) : [];
const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * Runs the investigation against a fresh embedded default and returns the transcript; `print`
 * receives each step as soon as it is done. Stops the host and the sandbox in every case.
 * @throws Error when a step the next one depends on finds nothing (the sandbox seed changed).
 */
export async function runDemo(print: (step: DemoStep) => void = () => {}): Promise<DemoTranscript> {
  const embedded = await startEmbeddedDefault({ overrides: { logging: { level: "warn" } } });
  const host = createHost({ config: embedded.config, ...embedded.hostOptions });
  const steps: DemoStep[] = [];
  try {
    await host.start();
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await host.connect(serverSide);
    const client = new Client({ name: "octopus-mcp-demo", version: "1.0.0" });
    await client.connect(clientSide);
    const listed = await client.listTools();
    const needsConfirm = new Set(
      listed.tools
        .filter((tool) => Object.hasOwn(tool.inputSchema.properties ?? {}, "confirm"))
        .map((t) => t.name),
    );

    const call = async (title: string, tool: string, args: Item): Promise<Item> => {
      const finalArgs = needsConfirm.has(tool) ? { ...args, confirm: true } : args;
      const response = await client.callTool({ name: tool, arguments: finalArgs });
      const result = (response.structuredContent ?? {}) as Item;
      const step: DemoStep = {
        title,
        tool,
        args: finalArgs,
        result,
        isError: response.isError === true,
        tokens: tokensOf(JSON.stringify(response.content)),
      };
      steps.push(step);
      print(step);
      return result;
    };

    // The scripted agent follows a deployment whose project Argo CD delivers, so every step has data.
    const argoProjects = new Map(argoCdProjects().map((p) => [p.name, p.slug]));
    const failed = await call(
      "Find the latest failed deployments to Production",
      "deployments_list_deployments",
      { environments: ["Production"], taskState: "Failed", limit: 10 },
    );
    const deployment = items(failed, "items").find((d) => argoProjects.has(text(d.project) ?? ""));
    if (!deployment)
      throw new Error("The sandbox has no failed Production deployment of an Argo CD project.");
    const task = text(deployment.taskId);
    const projectRef = argoProjects.get(text(deployment.project) ?? "");
    if (!task || !projectRef) throw new Error("The failed deployment has no task or project.");

    await call("Why did it fail? The task summary", "tasks_get_task", { task });
    await call("Grep the task log for errors", "tasks_grep_log", {
      task,
      pattern: "error|fail",
      ignoreCase: true,
      before: 1,
      maxMatches: 5,
    });
    await call(
      "Which Argo CD applications does this project map to in Production?",
      "argocd_find_applications",
      {
        project: projectRef,
        environment: "production",
      },
    );

    const good = await call("Find the previous good release in Production", "deployments_list_deployments", {
      project: projectRef,
      environments: ["Production"],
      taskState: "Success",
      limit: 1,
    });
    const version = text(items(good, "items")[0]?.release);
    const preview = await call(
      "Preview the applications a deployment would update",
      "argocd_preview_deployment",
      {
        project: projectRef,
        environment: "production",
      },
    );
    const repositories = [
      ...new Set(
        items(preview, "applications")
          .flatMap((app) => (Array.isArray(app.images) ? (app.images as unknown[]) : []))
          .map((image) => text(image)?.replace(/[:@].*$/, ""))
          .filter((name): name is string => name !== undefined),
      ),
    ];
    if (version && repositories.length > 0) {
      await call(`Preview promoting ${version} (dry run, nothing is committed)`, "argocd_update_image_tags", {
        project: projectRef,
        environment: "production",
        images: repositories.map((repository) => `${repository}:${version}`),
        dryRun: true,
      });
    }
    await client.close();
  } finally {
    await host.stop();
    await embedded.stop();
  }
  return { steps, totalTokens: steps.reduce((sum, step) => sum + step.tokens, 0) };
}

/** Formats one step for the terminal: title, call, the result (cut to `maxChars`), tokens. */
export function formatStep(step: DemoStep, index: number, maxChars = 1600): string {
  const body = JSON.stringify(step.result, null, 2);
  const shown =
    body.length > maxChars
      ? `${body.slice(0, maxChars)}\n  ... (${body.length - maxChars} more characters)`
      : body;
  return [
    `\n## ${index + 1}. ${step.title}`,
    `> ${step.tool} ${JSON.stringify(step.args)}`,
    step.isError ? "(tool error)" : "",
    shown,
    `[${step.tokens} tokens]`,
  ]
    .filter((line) => line !== "")
    .join("\n");
}
