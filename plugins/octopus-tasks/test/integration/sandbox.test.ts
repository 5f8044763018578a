/**
 * The tasks plugin in a real in-process host (testkit) against the sandbox Octopus server.
 * The grep results are compared with GNU grep run on the same raw log, downloaded in the test.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSandbox } from "@octopus-mcp/sandbox";
import { startTestHost } from "@octopus-mcp/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTasksPlugin } from "../../src/index.js";

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
type Host = Awaited<ReturnType<typeof startTestHost>>;

let sb: Sandbox;
let host: Host;
let dir: string;

function hostOptions(extra: Record<string, unknown> = {}) {
  return {
    plugins: [{ plugin: createTasksPlugin(), config: {} }],
    tenants: { default: { octopus: { serverUrl: sb.octopusUrl, credentialId: "octopus" } } },
    credentials: { default: { octopus: sb.apiKey } },
    tenant: "default",
    ...extra,
  };
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0, scale: 1, seed: 1 });
  host = await startTestHost(hostOptions() as never);
  dir = mkdtempSync(join(tmpdir(), "tasks-sandbox-"));
});

afterAll(async () => {
  await host?.stop();
  await sb?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Calls a tool and returns its data, failing the test with the error body otherwise. */
async function data<T = Record<string, unknown>>(name: string, args: Record<string, unknown>): Promise<T> {
  const r = await host.callTool(name, args);
  if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
  return r.data as T;
}

/** Downloads a raw task log straight from the sandbox into a file; returns its path. */
async function downloadRawLog(taskId: string, spaceId = "Spaces-1"): Promise<string> {
  const response = await fetch(`${sb.octopusUrl}/api/${spaceId}/tasks/${taskId}/raw`, {
    headers: { "X-Octopus-ApiKey": sb.apiKey },
  });
  expect(response.status).toBe(200);
  const file = join(dir, `${taskId}.log`);
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  return file;
}

/** GNU grep -n output lines, with the tool's 500-character cut applied to the text. */
function gnuGrep(file: string, args: string[]): string[] {
  let out: string;
  try {
    out = execFileSync("grep", ["-n", ...args, file], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, LC_ALL: "C.UTF-8" },
    });
  } catch (error) {
    if ((error as { status?: number }).status !== 1) throw error;
    out = "";
  }
  return out
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => {
      const m = /^(\d+[:-])(.*)$/.exec(l);
      if (!m) return l;
      const text = m[2] ?? "";
      return `${m[1]}${text.length > 500 ? `${text.slice(0, 500)}…` : text}`;
    });
}

function gnuCount(file: string, args: string[]): number {
  try {
    return Number(
      execFileSync("grep", ["-c", ...args, file], {
        encoding: "utf8",
        env: { ...process.env, LC_ALL: "C.UTF-8" },
      }).trim(),
    );
  } catch (error) {
    return Number((error as { stdout?: string }).stdout?.trim() ?? "0");
  }
}

interface TaskItem {
  id: string;
  state: string;
  type: string;
}

async function failedDeploymentTask(): Promise<TaskItem> {
  const list = await data<{ tasks: TaskItem[] }>("tasks_list_tasks", {
    states: ["Failed"],
    type: "Deploy",
    limit: 20,
  });
  expect(list.tasks.length).toBeGreaterThan(0);
  return list.tasks[0] as TaskItem;
}

/** The seeded failed database migration of Inventory in Staging with a ~3.2 MB log (SEED.md "Notable"). */
async function bigLogTask(): Promise<TaskItem> {
  const list = await data<{ tasks: TaskItem[] }>("tasks_list_tasks", {
    states: ["Failed"],
    project: "inventory",
    environment: "Staging",
    limit: 1,
  });
  expect(list.tasks).toHaveLength(1);
  return list.tasks[0] as TaskItem;
}

describe("tasks plugin against the sandbox", () => {
  it("lists failed tasks and summarises one within the budget", async () => {
    const task = await failedDeploymentTask();
    expect(task.state).toBe("Failed");
    const report = await data<{ state: string; activity: { failed: { step: string; lastLog: string[] }[] } }>(
      "tasks_get_task",
      { task: task.id },
    );
    expect(report.state).toBe("Failed");
    expect(report.activity.failed.length).toBeGreaterThan(0);
    expect(report.activity.failed[0]!.lastLog.length).toBeGreaterThan(0);
    expect(JSON.stringify(report).length).toBeLessThan(2_500);
  });

  it("summarises the seeded 50-step failed deployment under 2,500 characters", async () => {
    const list = await data<{ tasks: TaskItem[] }>("tasks_list_tasks", {
      states: ["Failed"],
      project: "erp-sync",
      environment: "Production",
      limit: 1,
    });
    const report = await data<{ activity: { counts: Record<string, number>; failed: { step: string }[] } }>(
      "tasks_get_task",
      { task: list.tasks[0]!.id },
    );
    const details = (await (
      await fetch(`${sb.octopusUrl}/api/Spaces-1/tasks/${list.tasks[0]!.id}/details`, {
        headers: { "X-Octopus-ApiKey": sb.apiKey },
      })
    ).json()) as { ActivityLogs: { Children: unknown[] }[] };
    const stepCount = details.ActivityLogs[0]!.Children.length;
    expect(stepCount).toBeGreaterThanOrEqual(45);
    expect(Object.values(report.activity.counts).reduce((a, b) => a + b, 0)).toBe(stepCount);
    expect(report.activity.failed[0]!.step).toContain("Deploy connector: Payroll Export");
    expect(JSON.stringify(report).length).toBeLessThan(2_500);
  });

  it("serves a tools/list contribution under 10,000 characters", async () => {
    const tools = (await host.listTools()).filter((t) => t.name.startsWith("tasks_"));
    expect(tools).toHaveLength(10);
    expect(JSON.stringify({ tools }).length).toBeLessThan(10_000);
  });

  it("accepts a portal task link", async () => {
    const task = await failedDeploymentTask();
    const report = await data<{ id: string }>("tasks_get_task", {
      task: `${sb.octopusUrl}/app#/Spaces-1/tasks/${task.id}`,
    });
    expect(report.id).toBe(task.id);
  });

  it("grep returns the same lines and numbers as GNU grep on the same multi-megabyte log", async () => {
    const task = await bigLogTask();
    const file = await downloadRawLog(task.id);
    expect(statSync(file).size).toBeGreaterThan(2_000_000);
    const cases: { args: Record<string, unknown>; grep: string[]; count: string[] }[] = [
      {
        args: { pattern: "(Error|Fatal) +[|]", before: 2, after: 2, maxMatches: 20 },
        grep: ["-E", "-B", "2", "-A", "2", "-m", "20", "--", "(Error|Fatal) +[|]"],
        count: ["-E", "--", "(Error|Fatal) +[|]"],
      },
      {
        args: { pattern: "== failed:", fixed: true, ignoreCase: true, maxMatches: 50 },
        grep: ["-F", "-i", "-m", "50", "--", "== failed:"],
        count: ["-F", "-i", "--", "== failed:"],
      },
      {
        args: { pattern: "Info +[|]", invert: true, maxMatches: 40, after: 1 },
        grep: ["-v", "-E", "-A", "1", "-m", "40", "--", "Info +[|]"],
        count: ["-v", "-E", "--", "Info +[|]"],
      },
      {
        args: { pattern: "[0-9]{2}:[0-9]{2}:[0-9]{2} +Verbose", maxMatches: 200 },
        grep: ["-E", "-m", "200", "--", "[0-9]{2}:[0-9]{2}:[0-9]{2} +Verbose"],
        count: ["-E", "--", "[0-9]{2}:[0-9]{2}:[0-9]{2} +Verbose"],
      },
    ];
    for (const c of cases) {
      const result = await data<{ lines: string[]; totalMatches?: number }>("tasks_grep_log", {
        task: task.id,
        ...c.args,
        countAll: true,
      });
      expect(result.lines).toEqual(gnuGrep(file, c.grep));
      expect(result.totalMatches).toBe(gnuCount(file, c.count));
    }
    expect(gnuGrep(file, cases[0]!.grep).length).toBeGreaterThan(0);
  });

  it("tail and range match the downloaded log", async () => {
    const task = await bigLogTask();
    const file = await downloadRawLog(task.id);
    const all = execFileSync("cat", [file], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 })
      .replace(/\n$/, "")
      .split("\n");
    const cutLine = (n: number) => {
      const text = all[n - 1] ?? "";
      return `${n}:${text.length > 500 ? `${text.slice(0, 500)}…` : text}`;
    };
    const tail = await data<{ lines: string[]; totalLines: number }>("tasks_read_log", {
      task: task.id,
      tail: 15,
    });
    expect(tail.totalLines).toBe(all.length);
    expect(tail.lines).toEqual(Array.from({ length: 15 }, (_, i) => cutLine(all.length - 14 + i)));
    const range = await data<{ lines: string[] }>("tasks_read_log", { task: task.id, from: 3, to: 12 });
    expect(range.lines).toEqual(Array.from({ length: 10 }, (_, i) => cutLine(3 + i)));
  });

  it("explains a failure starting at the first error line of the log", async () => {
    const task = await bigLogTask();
    const file = await downloadRawLog(task.id);
    // The first Error/Fatal line that is not Octopus's closing "one or more steps failed" summary.
    const candidates = gnuGrep(file, ["-E", "--", "^[0-9:.T-]+ +(Error|Fatal) +[|]"]);
    const first =
      candidates.find((l) => !/one or more steps failed|see the (deployment|output|task) log/i.test(l)) ?? "";
    const firstNumber = Number(first.split(":")[0]);
    expect(firstNumber).toBeGreaterThan(0);
    const explanation = await data<{ failingStep: string; errors: string[][]; detection: string }>(
      "tasks_explain_failure",
      { task: task.id },
    );
    expect(explanation.detection).toBe("level");
    expect(explanation.failingStep).toMatch(/^#\d+ /);
    expect(explanation.errors[0]!.some((l) => l.startsWith(`${firstNumber}:`))).toBe(true);
  });

  it("submitting a pending interruption changes the task's state", async () => {
    const found = await data<{ interruptions: { id: string; taskId: string; pending: boolean }[] }>(
      "tasks_find_interruptions",
      {},
    );
    expect(found.interruptions.length).toBeGreaterThan(0);
    const pending = found.interruptions[0]!;
    const before = await data<{ state: string; interruptions?: { id: string }[] }>("tasks_get_task", {
      task: pending.taskId,
    });
    expect(before.interruptions?.map((i) => i.id)).toContain(pending.id);
    const view = await data<{ form: { name: string; allowed?: string[] }[] }>("tasks_get_interruption", {
      interruption: pending.id,
    });
    expect(view.form.find((f) => f.allowed)?.allowed).toContain("Proceed");

    const bad = await host.callTool("tasks_submit_interruption", {
      interruption: pending.id,
      result: "Retry",
    });
    expect(bad.ok).toBe(false);

    const submitted = await data<{ submitted: Record<string, string>; taskPendingInterruptions: boolean }>(
      "tasks_submit_interruption",
      {
        interruption: pending.id,
        result: "approve",
        notes: "checked by the test",
      },
    );
    expect(Object.values(submitted.submitted)).toEqual(["Proceed"]);
    expect(submitted.taskPendingInterruptions).toBe(false);
    const after = await data<{ interruptions?: unknown[] }>("tasks_get_task", { task: pending.taskId });
    expect(after.interruptions).toBeUndefined();
    const again = await data<{ pending: boolean }>("tasks_get_interruption", { interruption: pending.id });
    expect(again.pending).toBe(false);
  });

  it("re-runs a failed deployment, then cancels the new task, which reports Canceled", async () => {
    const failed = await failedDeploymentTask();
    const rerun = await data<{ taskId: string; previousTaskId: string }>("tasks_rerun_deployment", {
      task: failed.id,
    });
    expect(rerun.previousTaskId).toBe(failed.id);
    expect(rerun.taskId).not.toBe(failed.id);
    const cancelled = await data<{ state: string }>("tasks_cancel_task", { task: rerun.taskId });
    expect(["Cancelling", "Canceled"]).toContain(cancelled.state);
    let state = cancelled.state;
    for (let i = 0; i < 50 && state !== "Canceled"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = (await data<{ state: string }>("tasks_get_task", { task: rerun.taskId })).state;
    }
    expect(state).toBe("Canceled");
    const again = await host.callTool("tasks_cancel_task", { task: rerun.taskId });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.error).toBe("conflict");
  });

  it("stops reading the log once enough matches are out", async () => {
    const task = await bigLogTask();
    const result = await data<{
      lines: string[];
      complete: boolean;
      linesRead: number;
      totalMatches?: number;
    }>("tasks_grep_log", { task: task.id, pattern: "Task ID:", fixed: true, maxMatches: 1 });
    expect(result.lines).toEqual([`1:Task ID:        ${task.id}`]);
    expect(result.complete).toBe(false);
    expect(result.totalMatches).toBeUndefined();
    expect(result.linesRead).toBeLessThan(2_000);
  });

  it("resolves a runbook run to its task", async () => {
    const list = await data<{ tasks: TaskItem[] }>("tasks_list_tasks", { type: "RunbookRun", limit: 1 });
    expect(list.tasks).toHaveLength(1);
    const taskId = list.tasks[0]!.id;
    const raw = await fetch(`${sb.octopusUrl}/api/Spaces-1/runbookRuns?take=1000`, {
      headers: { "X-Octopus-ApiKey": sb.apiKey },
    });
    const runs = (await raw.json()) as { Items: { Id: string; TaskId: string }[] };
    const run = runs.Items.find((r) => r.TaskId === taskId);
    expect(run).toBeDefined();
    const report = await data<{ id: string; type: string }>("tasks_get_task", { task: run!.Id });
    expect(report).toMatchObject({ id: taskId, type: "RunbookRun" });
  });

  it("lists historical interruptions when pendingOnly is false", async () => {
    const all = await data<{ interruptions: { pending: boolean }[]; page: { total: number } }>(
      "tasks_find_interruptions",
      {
        pendingOnly: false,
        limit: 100,
      },
    );
    const pending = await data<{ page: { total: number } }>("tasks_find_interruptions", {});
    expect(all.page.total).toBeGreaterThan(pending.page.total);
    expect(all.interruptions.some((i) => !i.pending)).toBe(true);
  });

  it("refuses calls from a caller tenant without an Octopus server", async () => {
    const other = await startTestHost(
      hostOptions({
        tenants: {
          default: { octopus: { serverUrl: sb.octopusUrl, credentialId: "octopus" } },
          unconfigured: {},
        },
        tenant: "unconfigured",
      }) as never,
    );
    try {
      const r = await other.callTool("tasks_list_tasks", {});
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.error).toBe("unauthorized");
    } finally {
      await other.stop();
    }
  });

  it("serves the task resource templates and the prompts over MCP", async () => {
    const task = await bigLogTask();
    const templates = await host.client.listResourceTemplates();
    expect(templates.resourceTemplates.map((t) => t.uriTemplate)).toEqual(
      expect.arrayContaining([
        "octopus://spaces/{space}/tasks/{id}",
        "octopus://spaces/{space}/tasks/{id}/details",
      ]),
    );
    const read = await host.client.readResource({ uri: `octopus://spaces/Default/tasks/${task.id}` });
    const report = JSON.parse((read.contents[0] as { text: string }).text) as { id: string; state: string };
    expect(report).toMatchObject({ id: task.id, state: "Failed" });
    const tree = await host.client.readResource({
      uri: `octopus://spaces/Spaces-1/tasks/${task.id}/details`,
    });
    const body = JSON.parse((tree.contents[0] as { text: string }).text) as {
      activity: { status: string }[];
    };
    expect(body.activity[0]!.status).toBe("Failed");
    const prompt = await host.client.getPrompt({
      name: "tasks_diagnose_deployment",
      arguments: { url: `${sb.octopusUrl}/app#/Spaces-1/tasks/${task.id}` },
    });
    expect(JSON.stringify(prompt.messages)).toContain("tasks_explain_failure");
  });

  it("reports not_found for an unknown task", async () => {
    const r = await host.callTool("tasks_get_task", { task: "ServerTasks-987654" });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.error).toBe("not_found");
      expect(r.error.message).toContain("ServerTasks-987654");
    }
  });

  it("reports invalid_arguments for a missing pattern and for a bad regex", async () => {
    const task = await failedDeploymentTask();
    const missing = await host.callTool("tasks_grep_log", { task: task.id });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.error).toBe("invalid_arguments");
    const badRegex = await host.callTool("tasks_grep_log", { task: task.id, pattern: "([" });
    expect(badRegex.ok).toBe(false);
    if (!badRegex.ok) expect(badRegex.error.error).toBe("invalid_arguments");
  });
});

describe("upstream faults", () => {
  for (const fault of [
    { status: 500, code: "upstream_unavailable" },
    { status: 429, code: "rate_limit" },
  ]) {
    it(`maps HTTP ${fault.status} from Octopus to ${fault.code}`, async () => {
      const faulty = await startTestHost(
        hostOptions({
          config: { http: { maxRetries: 0 } },
          fetch: (input: string | URL | Request, init?: RequestInit) => {
            const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
            if (url.includes("/raw")) {
              return Promise.resolve(
                new Response(JSON.stringify({ ErrorMessage: "boom" }), {
                  status: fault.status,
                  headers: { "content-type": "application/json", "retry-after": "7" },
                }),
              );
            }
            return fetch(input, init);
          },
        }) as never,
      );
      try {
        const task = (await faulty.callTool("tasks_list_tasks", { states: ["Failed"], limit: 1 })) as {
          ok: boolean;
          data?: { tasks: TaskItem[] };
        };
        const id = task.data?.tasks[0]?.id ?? "ServerTasks-1";
        const r = await faulty.callTool("tasks_grep_log", { task: id, pattern: "Error" });
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.error).toBe(fault.code);
      } finally {
        await faulty.stop();
      }
    });
  }
});
