import { annotationsFor } from "@octopus-mcp/core";
import { describe, expect, it } from "vitest";
import createDefault, { createTasksPlugin, TASKS_MANIFEST } from "../../src/index.js";
import { registerPlugin } from "./registration.js";

const unusedHttp = {
  request: () => Promise.reject(new Error("no I/O expected")),
  stream: () => Promise.reject(new Error("no I/O expected")),
};
const unusedCredentials = { getPasswordAsync: () => Promise.reject(new Error("no credentials expected")) };

/** Every property of every object schema, recursively, with its JSON pointer. */
function properties(
  schema: Record<string, unknown>,
  path = "",
): { path: string; schema: Record<string, unknown> }[] {
  const out: { path: string; schema: Record<string, unknown> }[] = [];
  const props = (schema["properties"] ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, child] of Object.entries(props)) {
    out.push({ path: `${path}/${name}`, schema: child });
    out.push(...properties(child, `${path}/${name}`));
  }
  return out;
}

describe("tasks plugin registration", () => {
  it("exports a factory as default with the agreed manifest", () => {
    expect(createDefault).toBe(createTasksPlugin);
    expect(TASKS_MANIFEST).toMatchObject({
      namespace: "tasks",
      hostVersion: "^0.1.0",
      name: "@octopus-mcp/plugin-octopus-tasks",
    });
    expect(createTasksPlugin()).not.toBe(createTasksPlugin());
  });

  it("registers the tools with valid names, described properties and strict object schemas", async () => {
    const { tools } = await registerPlugin(unusedHttp, unusedCredentials);
    expect(tools.map((t) => t.name).sort()).toEqual([
      "tasks_cancel_task",
      "tasks_explain_failure",
      "tasks_find_interruptions",
      "tasks_get_interruption",
      "tasks_get_task",
      "tasks_grep_log",
      "tasks_list_tasks",
      "tasks_read_log",
      "tasks_rerun_deployment",
      "tasks_submit_interruption",
    ]);
    for (const tool of tools) {
      expect(tool.name).toMatch(/^tasks_[a-z0-9]+(_[a-z0-9]+)*$/);
      expect(tool.name.length).toBeLessThanOrEqual(64);
      expect(tool.inputSchema["type"]).toBe("object");
      expect(tool.inputSchema["additionalProperties"]).toBe(false);
      for (const property of properties(tool.inputSchema)) {
        expect(typeof property.schema["description"], `${tool.name}${property.path}`).toBe("string");
      }
      const required = (tool.inputSchema["required"] ?? []) as string[];
      for (const name of required)
        expect(Object.keys(tool.inputSchema["properties"] as object)).toContain(name);
      if (tool.access !== "read") expect(typeof tool.confirmationMessage).toBe("function");
    }
    expect(
      tools
        .filter((t) => t.access === "write")
        .map((t) => t.name)
        .sort(),
    ).toEqual(["tasks_cancel_task", "tasks_rerun_deployment", "tasks_submit_interruption"]);
  });

  it("keeps the whole tools/list contribution under 10,000 characters", async () => {
    const { tools } = await registerPlugin(unusedHttp, unusedCredentials);
    const listed = tools.map((t) => ({
      name: t.name,
      ...(t.title ? { title: t.title } : {}),
      description: t.description,
      inputSchema: t.inputSchema,
      ...(t.outputSchema ? { outputSchema: t.outputSchema } : {}),
      annotations: annotationsFor(t.access, t.annotations),
    }));
    const size = JSON.stringify({ tools: listed }).length;
    console.log(`tasks tools/list size: ${size} characters`);
    expect(size).toBeLessThan(10_000);
  });

  it("registers the task resource templates and the two prompts without I/O", async () => {
    const { templates, prompts, instructions } = await registerPlugin(unusedHttp, unusedCredentials);
    expect(templates.map((t) => t.uriTemplate)).toEqual([
      "octopus://spaces/{space}/tasks/{id}",
      "octopus://spaces/{space}/tasks/{id}/details",
    ]);
    expect(prompts.map((p) => p.name)).toEqual(["tasks_diagnose_deployment", "tasks_pending_approvals"]);
    const diagnose = await prompts[0]!.get(
      { url: "https://octopus.example/app#/Spaces-1/tasks/ServerTasks-9" },
      undefined as never,
    );
    expect(diagnose.messages[0]!.content.text).toContain(
      'tasks_get_task with task="https://octopus.example/app#/Spaces-1/tasks/ServerTasks-9"',
    );
    expect(instructions).toHaveLength(1);
  });

  it("onRegister does no I/O and only registers the config", () => {
    const registered: unknown[] = [];
    const container = {
      registerInstance: (token: unknown, value: unknown) => registered.push([token, value]),
    };
    createTasksPlugin().onRegister(container as never, { maxLineLength: 1000 });
    expect(registered).toHaveLength(1);
  });
});
