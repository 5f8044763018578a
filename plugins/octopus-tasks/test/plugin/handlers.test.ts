/** Handler logic against an in-memory Octopus (the sandbox tests cover the real HTTP path). */
import { isToolHandlerClass, type ToolDefinition } from "@octopus-mcp/core";
import { describe, expect, it } from "vitest";
import { callContext, credentials, FakeOctopus, SERVER } from "../fixtures/fake-octopus.js";
import { failedDeploymentDetails } from "../fixtures/task-details.js";
import { registerPlugin } from "./registration.js";

async function call(octopus: FakeOctopus, name: string, args: Record<string, unknown>): Promise<unknown> {
  const { tools } = await registerPlugin(octopus, credentials);
  const tool = tools.find((t) => t.name === name) as ToolDefinition;
  if (isToolHandlerClass(tool.handler)) throw new Error("function handlers expected");
  return tool.handler(args, callContext());
}

const manualIntervention = {
  Id: "Interruptions-5",
  Type: "ManualIntervention",
  Title: "Approve production deployment",
  TaskId: "ServerTasks-900",
  IsPending: true,
  CanTakeResponsibility: true,
  HasResponsibility: false,
  RelatedDocumentIds: ["ServerTasks-900", "Projects-2", "Environments-4"],
  Form: {
    Values: { Instructions: "Check the dashboard first.", Notes: null, Result: null },
    Elements: [
      { Name: "Instructions", Control: { Type: "Paragraph", Text: "Check the dashboard first." } },
      { Name: "Notes", Control: { Type: "TextArea", Label: "Notes" }, IsValueRequired: false },
      {
        Name: "Result",
        Control: {
          Type: "SubmitButtonGroup",
          Buttons: [
            { Text: "Proceed", Value: "Proceed", ButtonType: "Primary" },
            { Text: "Abort", Value: "Abort", ButtonType: "Delete" },
          ],
        },
        IsValueRequired: false,
      },
    ],
  },
};

describe("task handlers", () => {
  it("get task accepts a deployment portal link and returns the compact report", async () => {
    const details = failedDeploymentDetails(50, 31);
    const octopus = new FakeOctopus()
      .on("GET", "/api/Spaces-1/deployments/Deployments-321", {
        Id: "Deployments-321",
        TaskId: "ServerTasks-900",
      })
      .on("GET", "/api/Spaces-1/tasks/ServerTasks-900/details", details);
    const report = (await call(octopus, "tasks_get_task", {
      task: `${SERVER}/app#/Spaces-1/projects/checkout/deployments/releases/2.3.17/deployments/Deployments-321`,
    })) as Record<string, unknown>;
    expect(report["id"]).toBe("ServerTasks-900");
    expect(report["state"]).toBe("Failed");
    expect(JSON.stringify(report).length).toBeLessThan(2_500);
  });

  it("get task names the task and space when it does not exist", async () => {
    await expect(call(new FakeOctopus(), "tasks_get_task", { task: "ServerTasks-4" })).rejects.toMatchObject({
      code: "not_found",
      message: expect.stringContaining('Task ServerTasks-4 was not found in space "Default"'),
    });
  });

  it("rejects a task reference that is neither an ID nor a link", async () => {
    await expect(call(new FakeOctopus(), "tasks_get_task", { task: "the failed one" })).rejects.toMatchObject(
      {
        code: "invalid_arguments",
      },
    );
  });

  it("grep maps an invalid regex to invalid_arguments", async () => {
    const octopus = new FakeOctopus().log("ServerTasks-1", "a\nb\n");
    await expect(
      call(octopus, "tasks_grep_log", { task: "ServerTasks-1", pattern: "([" }),
    ).rejects.toMatchObject({
      code: "invalid_arguments",
      violations: [expect.objectContaining({ path: "/pattern" })],
    });
  });

  it("read log rejects from without to", async () => {
    const octopus = new FakeOctopus().log("ServerTasks-1", "a\nb\n");
    await expect(call(octopus, "tasks_read_log", { task: "ServerTasks-1", from: 3 })).rejects.toMatchObject({
      code: "invalid_arguments",
    });
  });

  it("cancel refuses a finished task with conflict", async () => {
    const octopus = new FakeOctopus().on("GET", "/api/Spaces-1/tasks/ServerTasks-7", {
      Id: "ServerTasks-7",
      Name: "Deploy",
      State: "Success",
      IsCompleted: true,
    });
    await expect(call(octopus, "tasks_cancel_task", { task: "ServerTasks-7" })).rejects.toMatchObject({
      code: "conflict",
    });
    expect(octopus.calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("re-run re-deploys the same release to the same environment and tenant", async () => {
    const octopus = new FakeOctopus()
      .on("GET", "/api/Spaces-1/tasks/ServerTasks-900", {
        Id: "ServerTasks-900",
        Name: "Deploy",
        State: "Failed",
        IsCompleted: true,
        CanRerun: true,
        Arguments: { DeploymentId: "Deployments-321" },
      })
      .on("GET", "/api/Spaces-1/deployments/Deployments-321", {
        Id: "Deployments-321",
        ProjectId: "Projects-10",
        ReleaseId: "Releases-77",
        EnvironmentId: "Environments-4",
        TenantId: "Tenants-2",
        TaskId: "ServerTasks-900",
      })
      .on("GET", "/api/Spaces-1/projects/Projects-10", { Id: "Projects-10", Name: "Customer Portal" })
      .on("GET", "/api/Spaces-1/environments/Environments-4", { Id: "Environments-4", Name: "Production" })
      .on("GET", "/api/Spaces-1/releases/Releases-77", {
        Id: "Releases-77",
        ProjectId: "Projects-10",
        Version: "5.2.1",
      })
      .on("GET", "/api/Spaces-1/tenants/Tenants-2", { Id: "Tenants-2", Name: "Globex" })
      .on("POST", "/api/Spaces-1/deployments/create/tenanted/v1", {
        DeploymentServerTasks: [{ DeploymentId: "Deployments-400", ServerTaskId: "ServerTasks-1001" }],
      });
    const result = await call(octopus, "tasks_rerun_deployment", { task: "ServerTasks-900" });
    expect(result).toEqual({
      previousTaskId: "ServerTasks-900",
      deploymentId: "Deployments-400",
      taskId: "ServerTasks-1001",
      project: "Customer Portal",
      release: "5.2.1",
      environment: "Production",
      tenant: "Globex",
    });
    const post = octopus.calls.find((c) => c.method === "POST");
    expect(post?.body).toMatchObject({
      ProjectName: "Customer Portal",
      ReleaseVersion: "5.2.1",
      EnvironmentName: "Production",
      Tenants: ["Globex"],
    });
  });

  it("re-run refuses a successful deployment", async () => {
    const octopus = new FakeOctopus().on("GET", "/api/Spaces-1/tasks/ServerTasks-3", {
      Id: "ServerTasks-3",
      Name: "Deploy",
      State: "Success",
      Arguments: { DeploymentId: "Deployments-3" },
    });
    await expect(call(octopus, "tasks_rerun_deployment", { task: "ServerTasks-3" })).rejects.toMatchObject({
      code: "conflict",
    });
  });
});

describe("list tasks", () => {
  it("sends the filters as Octopus query parameters and pages with a cursor", async () => {
    const seen: URLSearchParams[] = [];
    const octopus = new FakeOctopus()
      .on("GET", "/api/Spaces-1/projects/Projects-2", {
        Id: "Projects-2",
        Name: "Checkout",
        Slug: "checkout",
      })
      .on("GET", "/api/Spaces-1/environments", {
        Items: [{ Id: "Environments-4", Name: "Production" }],
        TotalResults: 1,
      })
      .on("GET", "/api/Spaces-1/tasks", (_request: unknown, url: URL) => {
        seen.push(url.searchParams);
        const skip = Number(url.searchParams.get("skip"));
        return {
          Items: [{ Id: `ServerTasks-${100 - skip}`, Name: "Deploy", State: "Failed", ErrorMessage: "boom" }],
          TotalResults: 2,
        };
      });
    const args = {
      states: ["Failed", "TimedOut"],
      type: "Deploy",
      project: "Projects-2",
      environment: "production",
      from: "2026-11-01T00:00:00Z",
      to: "2026-11-30T00:00:00Z",
      limit: 1,
    };
    const first = (await call(octopus, "tasks_list_tasks", args)) as {
      tasks: { id: string; error?: string }[];
      page: { total: number; nextCursor?: string };
    };
    expect(first.tasks).toEqual([{ id: "ServerTasks-100", type: "Deploy", state: "Failed", error: "boom" }]);
    expect(first.page.total).toBe(2);
    expect(Object.fromEntries(seen[0]!)).toEqual({
      states: "Failed,TimedOut",
      name: "Deploy",
      project: "Projects-2",
      environment: "Environments-4",
      fromQueueDate: "2026-11-01T00:00:00Z",
      toQueueDate: "2026-11-30T00:00:00Z",
      skip: "0",
      take: "1",
    });
    const second = (await call(octopus, "tasks_list_tasks", { ...args, cursor: first.page.nextCursor })) as {
      tasks: { id: string }[];
      page: { nextCursor?: string };
    };
    expect(second.tasks[0]!.id).toBe("ServerTasks-99");
    expect(second.page.nextCursor).toBeUndefined();
    await expect(
      call(octopus, "tasks_list_tasks", { ...args, type: "RunbookRun", cursor: first.page.nextCursor }),
    ).rejects.toMatchObject({ code: "invalid_arguments" });
  });
});

describe("interruption handlers", () => {
  it("get interruption shows instructions and allowed results", async () => {
    const octopus = new FakeOctopus().on(
      "GET",
      "/api/Spaces-1/interruptions/Interruptions-5",
      manualIntervention,
    );
    expect(await call(octopus, "tasks_get_interruption", { interruption: "Interruptions-5" })).toMatchObject({
      id: "Interruptions-5",
      pending: true,
      instructions: "Check the dashboard first.",
      form: [
        { name: "Notes", type: "TextArea", label: "Notes" },
        { name: "Result", type: "SubmitButtonGroup", allowed: ["Proceed", "Abort"] },
      ],
    });
  });

  it("submit takes responsibility, maps approve to Proceed and posts the form", async () => {
    const octopus = new FakeOctopus()
      .on("GET", "/api/Spaces-1/interruptions/Interruptions-5", manualIntervention)
      .on("PUT", "/api/Spaces-1/interruptions/Interruptions-5/responsible", {})
      .on("POST", "/api/Spaces-1/interruptions/Interruptions-5/submit", {})
      .on("GET", "/api/Spaces-1/tasks/ServerTasks-900", {
        Id: "ServerTasks-900",
        State: "Executing",
        HasPendingInterruptions: false,
      });
    const result = await call(octopus, "tasks_submit_interruption", {
      interruption: "Interruptions-5",
      result: "approve",
      notes: "Dashboard is green",
    });
    expect(result).toEqual({
      interruptionId: "Interruptions-5",
      submitted: { Result: "Proceed" },
      taskId: "ServerTasks-900",
      taskState: "Executing",
      taskPendingInterruptions: false,
    });
    const methods = octopus.calls.filter((c) => c.method !== "GET").map((c) => `${c.method} ${c.path}`);
    expect(methods).toEqual([
      "PUT /api/Spaces-1/interruptions/Interruptions-5/responsible",
      "POST /api/Spaces-1/interruptions/Interruptions-5/submit",
    ]);
    expect(octopus.calls.find((c) => c.method === "POST")?.body).toMatchObject({
      Result: "Proceed",
      Notes: "Dashboard is green",
    });
  });

  it("submit rejects a result the form does not allow, listing the allowed values", async () => {
    const octopus = new FakeOctopus().on(
      "GET",
      "/api/Spaces-1/interruptions/Interruptions-5",
      manualIntervention,
    );
    await expect(
      call(octopus, "tasks_submit_interruption", { interruption: "Interruptions-5", result: "retry" }),
    ).rejects.toMatchObject({
      code: "invalid_arguments",
      message: expect.stringContaining("Proceed, Abort"),
    });
    expect(octopus.calls.some((c) => c.method !== "GET")).toBe(false);
  });

  it("submit refuses an interruption that is no longer pending", async () => {
    const octopus = new FakeOctopus().on("GET", "/api/Spaces-1/interruptions/Interruptions-5", {
      ...manualIntervention,
      IsPending: false,
    });
    await expect(
      call(octopus, "tasks_submit_interruption", { interruption: "Interruptions-5", result: "Proceed" }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("find filters by project and environment together via RelatedDocumentIds", async () => {
    const other = {
      ...manualIntervention,
      Id: "Interruptions-6",
      RelatedDocumentIds: ["ServerTasks-901", "Projects-2", "Environments-1"],
    };
    const octopus = new FakeOctopus()
      .on("GET", "/api/Spaces-1/projects/Projects-2", {
        Id: "Projects-2",
        Name: "Checkout",
        Slug: "checkout",
      })
      .on("GET", "/api/Spaces-1/environments", {
        Items: [
          { Id: "Environments-1", Name: "Dev" },
          { Id: "Environments-4", Name: "Production" },
        ],
        TotalResults: 2,
      })
      .on("GET", "/api/Spaces-1/interruptions", (_request: unknown, url: URL) => {
        expect(url.searchParams.get("regarding")).toBe("Projects-2");
        return { Items: [manualIntervention, other], TotalResults: 2 };
      });
    const result = (await call(octopus, "tasks_find_interruptions", {
      project: "Projects-2",
      environment: "production",
    })) as { interruptions: { id: string }[]; page: { total: number } };
    expect(result.interruptions.map((i) => i.id)).toEqual(["Interruptions-5"]);
    expect(result.page.total).toBe(1);
  });
});

describe("resource templates", () => {
  it("reads the task and its compact activity tree", async () => {
    const details = failedDeploymentDetails(5, 3);
    const octopus = new FakeOctopus().on("GET", "/api/Spaces-1/tasks/ServerTasks-900/details", details);
    const { templates } = await registerPlugin(octopus, credentials);
    const context = callContext();
    const task = await templates[0]!.read(
      new URL("octopus://spaces/Default/tasks/ServerTasks-900"),
      { space: "Default", id: "ServerTasks-900" },
      context,
    );
    expect(JSON.parse((task[0] as { text: string }).text)).toMatchObject({
      id: "ServerTasks-900",
      state: "Failed",
    });
    const tree = await templates[1]!.read(
      new URL("octopus://spaces/Spaces-1/tasks/ServerTasks-900/details"),
      { space: "Spaces-1", id: "ServerTasks-900" },
      context,
    );
    const body = JSON.parse((tree[0] as { text: string }).text) as {
      activity: {
        children: {
          name: string;
          status: string;
          children?: { name: string; children?: { lastLog?: string[] }[] }[];
        }[];
      }[];
    };
    const failedStep = body.activity[0]!.children[2]!;
    expect(failedStep).toMatchObject({ name: "Step 3: Apply schema migrations", status: "Failed" });
    expect(failedStep.children?.[1]?.children?.[0]?.lastLog?.at(-1)).toBe(
      "Fatal: The action Run migrations on web-02 failed",
    );
  });

  it("rejects an ID that is not a server task", async () => {
    const { templates } = await registerPlugin(new FakeOctopus(), credentials);
    await expect(
      templates[0]!.read(
        new URL("octopus://spaces/Default/tasks/x"),
        { space: "Default", id: "Deployments-1" },
        callContext(),
      ),
    ).rejects.toMatchObject({ code: "invalid_arguments" });
  });
});
