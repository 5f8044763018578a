/** L-FLOW-1: tool classification (reference/lint-rules.md §2.5) and the toxic combinations. */
import path from "node:path";
import type { IOctopusPlugin, ToolAccess, ToolDefinition } from "@octopus-mcp/core";
import { describe, expect, it } from "vitest";
import { runDynamicChecks } from "../src/dynamic/lint-host.js";
import { importPluginModule, instantiate } from "../src/load-plugin.js";
import { checkToxicFlows, classifyTool } from "../src/static/toxic-flows.js";
import { REPO } from "./helpers.js";

function tool(name: string, access: ToolAccess, description: string, extra: Partial<ToolDefinition> = {}) {
  const t: ToolDefinition = {
    name,
    access,
    description,
    inputSchema: { type: "object", additionalProperties: false },
    handler: () => ({}),
    ...extra,
  };
  return t;
}

const roles = (t: ToolDefinition) => [...classifyTool(t)].sort();

describe("classifyTool", () => {
  it("classifies from access, annotations and keywords in name and description", () => {
    expect(roles(tool("tasks_read_log", "read", "Returns lines of a server task's log."))).toEqual([
      "untrusted-input",
    ]);
    expect(roles(tool("demo_list_events", "read", "Kubernetes events of an application."))).toEqual([
      "untrusted-input",
    ]);
    expect(roles(tool("demo_get_project_variables", "read", "The project's variables."))).toEqual([
      "private-data",
    ]);
    expect(roles(tool("demo_send_email", "write", "Sends an e-mail to a recipient."))).toEqual([
      "public-sink",
    ]);
    expect(roles(tool("demo_deploy_release", "write", "Deploys a release."))).toEqual(["destructive"]);
    expect(roles(tool("demo_archive", "delete", "Archives a project."))).toEqual(["destructive"]);
    expect(roles(tool("demo_list_spaces", "read", "Lists the spaces."))).toEqual([]);
  });

  it("uses the hints: read-only tools are neither sinks nor destructive; openWorldHint false is trusted", () => {
    // A read tool named like a mutation is L-ANNOT-2's business, not a flow.
    expect(roles(tool("demo_delete_preview", "read", "Shows what a delete would remove."))).toEqual([]);
    expect(
      roles(
        tool("demo_read_log", "read", "Reads the host's own audit log.", {
          annotations: { openWorldHint: false },
        }),
      ),
    ).toEqual([]);
    // A write tool does not count as an untrusted-content source.
    expect(roles(tool("demo_append_log", "write", "Appends a line to the task log."))).toEqual([]);
  });
});

describe("checkToxicFlows", () => {
  const log = tool("demo_read_log", "read", "Returns the lines of a task log.");
  const vars = tool("demo_get_variables", "read", "Returns the project's variables.");
  const send = tool("demo_post_message", "write", "Posts a message to a chat channel.");
  const deploy = tool("demo_deploy_release", "write", "Deploys a release.");

  it("TF002: untrusted input + destructive tool, naming both and the fix", () => {
    const [f, ...rest] = checkToxicFlows([log, deploy]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ ruleId: "L-FLOW-1", location: { tool: "demo_deploy_release" } });
    expect(f?.message).toContain(
      "TF002 destructive flow: untrusted input from demo_read_log can steer demo_deploy_release",
    );
    expect(f?.fix).toContain("separate plugins");
    expect(f?.fix).toContain("confirmationMessage");
    expect(f?.fix).toContain('policy.tools.deny: ["demo_deploy_release"]');
  });

  it("TF001 needs all three: untrusted input, private data and a public sink", () => {
    expect(checkToxicFlows([log, send])).toEqual([]);
    expect(checkToxicFlows([vars, send])).toEqual([]);
    const findings = checkToxicFlows([log, vars, send]);
    expect(findings.map((f) => f.location.tool)).toEqual(["demo_post_message"]);
    expect(findings[0]?.message).toContain(
      "TF001 data leak: untrusted input from demo_read_log can make the agent send private data from demo_get_variables out through demo_post_message",
    );
  });

  it("no untrusted-input source, no flow", () => {
    expect(checkToxicFlows([vars, send, deploy])).toEqual([]);
  });

  it("a write/delete tool with a confirmationMessage is confirmed by the host: no finding", () => {
    const confirmed = { ...deploy, confirmationMessage: () => "Deploy release 1.0.0 to Production" };
    expect(checkToxicFlows([log, confirmed])).toEqual([]);
    // A read tool is never confirmed by the host, whatever it declares.
    const readSink = tool("demo_notify", "read", "Sends a notification.", {
      annotations: { readOnlyHint: false },
      confirmationMessage: () => "Notify",
    });
    expect(checkToxicFlows([log, vars, readSink]).map((f) => f.location.tool)).toEqual(["demo_notify"]);
  });
});

describe("first-party plugins", () => {
  // They lint clean (first-party.test.ts) because their flows are confirmed, not because the rule misses them.
  it("octopus-tasks holds a real TF002 flow; only the confirmationMessages keep it quiet", async () => {
    const root = path.join(REPO, "plugins", "octopus-tasks");
    const plugin = instantiate((await importPluginModule(root)).exported) as unknown as IOctopusPlugin;
    const { tools } = await runDynamicChecks({ root, plugin, pluginConfig: {}, callTools: false });
    const byRole = (role: string) =>
      tools.filter((t) => [...classifyTool(t)].includes(role as never)).map((t) => t.name);
    expect(byRole("untrusted-input")).toEqual(expect.arrayContaining(["tasks_read_log", "tasks_grep_log"]));
    expect(byRole("destructive")).toEqual(
      expect.arrayContaining(["tasks_rerun_deployment", "tasks_cancel_task"]),
    );
    expect(checkToxicFlows(tools)).toEqual([]);
    const unconfirmed = tools.map(({ confirmationMessage: _omit, ...t }) => t as ToolDefinition);
    expect(checkToxicFlows(unconfirmed).map((f) => f.location.tool)).toEqual(
      expect.arrayContaining(["tasks_rerun_deployment", "tasks_cancel_task"]),
    );
  });
});
