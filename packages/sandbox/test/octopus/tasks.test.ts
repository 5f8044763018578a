import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox } from "../../src/index.js";
import { type Json, call, start, until } from "./helpers.js";

// Task state transitions on the sandbox clock, interruptions, cancel, and the seeded big logs. The seed's
// unfinished tasks are held in their seeded states here (seeded-tasks.test.ts covers them running).
let sb: Sandbox;
beforeAll(async () => {
  sb = await start({ taskStepMs: 20, seededTasks: "hold" });
});
afterAll(async () => {
  await sb?.stop();
});

async function task(id: string): Promise<Json> {
  return (await call(sb, "GET", `/api/Spaces-1/tasks/${id}`)).json;
}

async function deploy(body: Record<string, unknown>): Promise<string> {
  const r = await call(sb, "POST", "/api/Spaces-1/deployments/create/untenanted/v1", body);
  expect(r.status).toBe(200);
  return r.json.DeploymentServerTasks[0].ServerTaskId as string;
}

function notable(note: string) {
  const n = sb.state.notable.find((x) => x.note.includes(note));
  if (!n) throw new Error(`no notable scenario '${note}'`);
  return n;
}

describe("task execution", () => {
  it("moves a deployment Queued -> Executing -> Success, appending log lines as steps finish", async () => {
    const id = await deploy({ ProjectName: "Shipping", ReleaseVersion: "2.2.5", EnvironmentNames: ["Dev"] });
    const first = await task(id);
    expect(["Queued", "Executing"]).toContain(first.State);
    const seen = new Set<string>();
    const logSizes: number[] = [];
    const done = await until(async () => {
      const t = await task(id);
      seen.add(t.State);
      if (t.State === "Executing") logSizes.push((await call(sb, "GET", `/api/tasks/${id}/raw`)).text.length);
      return t.IsCompleted ? t : undefined;
    });
    expect(done.State).toBe("Success");
    expect(done.FinishedSuccessfully).toBe(true);
    const finalLog = (await call(sb, "GET", `/api/tasks/${id}/raw`)).text;
    expect(logSizes.every((s) => s <= finalLog.length)).toBe(true);
    expect(finalLog).toContain('Release "shipping" has been upgraded. Happy Helming!');
    const events = await call(sb, "GET", `/api/Spaces-1/events?regarding=${done.Arguments.DeploymentId}`);
    expect(events.json.Items.map((e: Json) => e.Category)).toEqual([
      "DeploymentSucceeded",
      "DeploymentQueued",
    ]);
    const dash = await call(sb, "GET", "/api/Spaces-1/dashboard?projectId=Projects-8");
    const item = dash.json.Items.find((i: Json) => i.EnvironmentId === "Environments-1");
    expect(item).toMatchObject({ ReleaseVersion: "2.2.5", State: "Success", TaskId: id });
  });

  it("fails at the injected step with a real-looking error and a Failed step in the ActivityLogs tree", async () => {
    const id = await deploy({
      ProjectName: "Inventory",
      ReleaseVersion: "3.4.3",
      EnvironmentNames: ["Dev"],
      Variables: { "Sandbox.Failure": "db-migration", "Sandbox.LogBytes": "200000" },
    });
    const done = await until(async () => ((await task(id)).IsCompleted ? task(id) : undefined));
    expect(done.State).toBe("Failed");
    expect(done.ErrorMessage).toContain("could not create unique index");
    const details = await call(sb, "GET", `/api/Spaces-1/tasks/${id}/details`);
    const steps = details.json.ActivityLogs[0].Children;
    expect(steps.map((s: Json) => s.Status)).toEqual(["Failed", "Skipped", "Skipped", "Skipped", "Skipped"]);
    const errors = steps[0].Children[0].LogElements.filter((l: Json) => l.Category === "Error").map(
      (l: Json) => l.MessageText,
    );
    expect(errors[0]).toBe(
      'Npgsql.PostgresException (0x80004005): 23505: could not create unique index "ix_stock_reservations_order_id"',
    );
    expect(details.json.PhysicalLogSize).toBeGreaterThan(200_000);
    const live = await call(
      sb,
      "GET",
      "/api/Spaces-1/projects/Projects-7/environments/Environments-1/untenanted/livestatus",
    );
    expect(live.json.Summary.HealthStatus).toBe("Healthy");
  });

  it("blocks on a manual intervention until it is submitted, then continues (Proceed)", async () => {
    const id = await deploy({
      ProjectName: "Checkout",
      ReleaseVersion: "2.6.5",
      EnvironmentNames: ["Production"],
    });
    const waiting = await until(async () => {
      const t = await task(id);
      return t.HasPendingInterruptions ? t : undefined;
    });
    expect(waiting.State).toBe("Executing");
    expect(waiting.PendingInterruptionTypes).toEqual(["ManualIntervention"]);
    const list = await call(sb, "GET", `/api/Spaces-1/interruptions?pendingOnly=true&regarding=${id}`);
    expect(list.json.TotalResults).toBe(1);
    const intr = list.json.Items[0];
    expect(intr.Form.Elements[2].Control.Buttons.map((b: Json) => b.Value)).toEqual(["Proceed", "Abort"]);
    const took = await call(sb, "PUT", `/api/Spaces-1/interruptions/${intr.Id}/responsible`);
    expect(took.json.HasResponsibility).toBe(true);
    // Still blocked: taking responsibility does not submit.
    expect((await task(id)).State).toBe("Executing");
    const sub = await call(sb, "POST", `/api/Spaces-1/interruptions/${intr.Id}/submit`, {
      Result: "Proceed",
      Notes: "CHG-1 approved",
    });
    expect(sub.json.IsPending).toBe(false);
    const done = await until(async () => ((await task(id)).IsCompleted ? task(id) : undefined));
    expect(done.State).toBe("Success");
    expect((await call(sb, "GET", `/api/tasks/${id}/raw`)).text).toContain(
      "Manual intervention approved by Sandbox Admin: CHG-1 approved",
    );
    const again = await call(sb, "POST", `/api/Spaces-1/interruptions/${intr.Id}/submit`, {
      Result: "Proceed",
    });
    expect(again.status).toBe(400);
  });

  it("with UseGuidedFailure a failing step raises a GuidedFailure interruption: Retry succeeds, Fail fails", async () => {
    const body = (env: string) => ({
      ProjectName: "Inventory",
      ReleaseVersion: "3.4.3",
      EnvironmentNames: [env],
      UseGuidedFailure: true,
      Variables: { "Sandbox.Failure": "db-migration" },
    });
    const results: string[] = [];
    for (const [env, guidance] of [
      ["Dev", "Retry"],
      ["Test", "Fail"],
    ] as const) {
      const id = await deploy(body(env));
      const waiting = await until(async () => {
        const t = await task(id);
        return t.HasPendingInterruptions ? t : undefined;
      });
      expect(waiting.PendingInterruptionTypes).toEqual(["GuidedFailure"]);
      const raw = (await call(sb, "GET", `/api/tasks/${id}/raw`)).text;
      expect(raw).toContain("could not create unique index");
      const intr = (await call(sb, "GET", `/api/Spaces-1/interruptions?pendingOnly=true&regarding=${id}`))
        .json.Items[0];
      expect(intr.Type).toBe("GuidedFailure");
      expect(intr.Form.Elements[2].Control.Buttons.map((b: Json) => b.Value)).toEqual([
        "Fail",
        "Retry",
        "Ignore",
        "Exclude",
      ]);
      expect(
        (await call(sb, "POST", `/api/Spaces-1/interruptions/${intr.Id}/submit`, { Guidance: "Proceed" }))
          .status,
      ).toBe(400);
      await call(sb, "POST", `/api/Spaces-1/interruptions/${intr.Id}/submit`, {
        Guidance: guidance,
        Notes: "test",
      });
      const done = await until(async () => ((await task(id)).IsCompleted ? task(id) : undefined));
      results.push(`${guidance}:${done.State}`);
    }
    expect(results).toEqual(["Retry:Success", "Fail:Failed"]);
  });

  it("resumes a seeded task waiting for approval; Abort fails it", async () => {
    const pay = notable("production approval");
    expect(pay.interruptionId).not.toBeNull();
    const before = await task(pay.taskId);
    expect(before.HasPendingInterruptions).toBe(true);
    await call(sb, "POST", `/api/Spaces-1/interruptions/${pay.interruptionId}/submit`, {
      Result: "Abort",
      Notes: "error budget exhausted",
    });
    const t = await task(pay.taskId);
    expect(t.State).toBe("Failed");
    expect(t.HasPendingInterruptions).toBe(false);
    const details = await call(sb, "GET", `/api/tasks/${pay.taskId}/details`);
    expect(details.json.ActivityLogs[0].Children[0].Status).toBe("Failed");
  });

  it("cancels: Queued -> Canceled at once, Executing -> Cancelling -> Canceled", async () => {
    const queued = notable("queued");
    const c1 = await call(sb, "POST", `/api/tasks/${queued.taskId}/cancel`, {});
    expect(c1.json.State).toBe("Canceled");
    const executing = notable("executing mid-step");
    const c2 = await call(sb, "POST", `/api/tasks/${executing.taskId}/cancel`, {});
    expect(c2.json.State).toBe("Cancelling");
    const done = await until(async () =>
      (await task(executing.taskId)).IsCompleted ? task(executing.taskId) : undefined,
    );
    expect(done.State).toBe("Canceled");
  });

  it("lists tasks with ids (ServerTaskWaiter) and state filters", async () => {
    const a = notable("3.2 MB").taskId;
    const b = notable("Helm").taskId;
    const r = await call(sb, "GET", `/api/Spaces-1/tasks?skip=0&take=300&ids=${a},${b}`);
    expect(r.json.Items.map((t: Json) => t.Id).sort()).toEqual([a, b].sort());
    const failed = await call(sb, "GET", "/api/tasks?states=Failed&take=5");
    expect(failed.json.Items.every((t: Json) => t.State === "Failed")).toBe(true);
    expect(failed.json.TotalResults).toBeGreaterThan(100);
  });
});

describe("seeded big logs", () => {
  it("streams a multi-megabyte raw log as text/plain, with the failure at the end", async () => {
    const n = notable("3.2 MB");
    const r = await call(sb, "GET", `/api/Spaces-1/tasks/${n.taskId}/raw`);
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^text\/plain/);
    expect(r.text.length).toBeGreaterThan(3_000_000);
    expect(r.text).toMatch(/^\d{2}:\d{2}:\d{2}\s+Error\s+\|\s+.*could not create unique index/m);
    expect(r.text).toMatch(/^\d{2}:\d{2}:\d{2}\s+Fatal\s+\|\s+The deployment failed/m);
    const details = await call(sb, "GET", `/api/Spaces-1/tasks/${n.taskId}/details`);
    expect(details.json.PhysicalLogSize).toBe(Buffer.byteLength(r.text));
    // Without verbose the tree leaves out the multi-megabyte verbose output.
    expect(details.text.length).toBeLessThan(60_000);
    const failed = details.json.ActivityLogs[0].Children.find((s: Json) => s.Status === "Failed");
    expect(failed.Name).toBe("Step 1: Run database migrations");
    const tail = await call(sb, "GET", `/api/Spaces-1/tasks/${n.taskId}/details?verbose=true&tail=3`);
    expect(tail.json.ActivityLogs[0].Children[0].Children[0].LogElements).toHaveLength(3);
  });

  it("has a ~50-step deployment whose failed step is identifiable", async () => {
    const n = notable("50-step");
    const details = await call(sb, "GET", `/api/Spaces-1/tasks/${n.taskId}/details`);
    const steps = details.json.ActivityLogs[0].Children;
    expect(steps.length).toBeGreaterThanOrEqual(48);
    const failed = steps.filter((s: Json) => s.Status === "Failed");
    expect(failed.map((s: Json) => s.Name)).toEqual([
      expect.stringMatching(/^Step \d+: Deploy connector: Payroll Export$/),
    ]);
  });
});
