import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { formatStep, runDemo } from "../src/index.js";

describe("demo", () => {
  it("walks the whole investigation with real answers and counts tokens", async () => {
    const printed: string[] = [];
    const transcript = await runDemo((step) => printed.push(formatStep(step, printed.length)));
    const tools = transcript.steps.map((s) => s.tool);
    expect(tools).toEqual([
      "deployments_list_deployments",
      "tasks_get_task",
      "tasks_grep_log",
      "argocd_find_applications",
      "deployments_list_deployments",
      "argocd_preview_deployment",
      "argocd_update_image_tags",
    ]);
    expect(transcript.steps.filter((s) => s.isError)).toEqual([]);
    const [failed, task, grep, apps] = transcript.steps;
    expect(JSON.stringify(failed?.result)).toContain('"state":"Failed"');
    expect(task?.result.state).toBe("Failed");
    expect((grep?.result.lines as string[]).length).toBeGreaterThan(0);
    expect((apps?.result.count as number) ?? 0).toBeGreaterThan(0);
    expect(transcript.steps.at(-1)?.args).toMatchObject({ dryRun: true });
    expect(transcript.totalTokens).toBe(transcript.steps.reduce((sum, s) => sum + s.tokens, 0));
    expect(printed[0]).toContain("## 1. Find the latest failed deployments to Production");
    expect(printed[0]).toMatch(/\[\d+ tokens\]$/);
  });
});
