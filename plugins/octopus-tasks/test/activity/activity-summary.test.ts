import { describe, expect, it } from "vitest";
import {
  findFailingLeaf,
  formatDuration,
  stepsOf,
  summarizeActivityTree,
} from "../../src/activity/activity-summary.js";
import { buildTaskReport } from "../../src/tasks/task-shaping.js";
import { failedDeploymentDetails } from "../fixtures/task-details.js";

describe("formatDuration", () => {
  it("formats seconds, minutes and hours", () => {
    expect(formatDuration(0.4)).toBe("0s");
    expect(formatDuration(59)).toBe("59s");
    expect(formatDuration(95)).toBe("1m35s");
    expect(formatDuration(3725)).toBe("1h02m");
  });
});

describe("summarizeActivityTree", () => {
  it("lists every step with status and duration when it fits", () => {
    const details = failedDeploymentDetails(5, 3);
    const summary = summarizeActivityTree(details.ActivityLogs);
    expect(summary.steps).toEqual([
      "#1 Run database health verification script: Success 8s",
      "#2 Notify release channel: Success 9s",
      "#3 Apply schema migrations: Failed 42s",
      "#4 Run database health verification script: Pending",
      "#5 Notify release channel: Pending",
    ]);
    expect(summary.counts).toEqual({ Success: 2, Failed: 1, Pending: 2 });
  });

  it("expands a failed step down to the failing child and its last log lines", () => {
    const summary = summarizeActivityTree(failedDeploymentDetails(5, 3).ActivityLogs);
    expect(summary.failed).toHaveLength(1);
    const failed = summary.failed[0]!;
    expect(failed.step).toBe("#3 Apply schema migrations");
    expect(failed.path).toEqual(["web-02", "Run migrations"]);
    expect(failed.otherFailedChildren).toBe(1);
    expect(failed.lastLog.slice(-3)).toEqual([
      'Error: ERROR: relation "orders" does not exist',
      "Error: The remote script failed with exit code 1",
      "Fatal: The action Run migrations on web-02 failed",
    ]);
  });

  it("compresses a 50-step failed deployment under budget, keeping the failure", () => {
    const summary = summarizeActivityTree(failedDeploymentDetails(50, 31).ActivityLogs, { maxChars: 1_700 });
    expect(JSON.stringify(summary).length).toBeLessThanOrEqual(1_700);
    expect(summary.steps).toContain("#31 Apply schema migrations: Failed 42s");
    expect(summary.steps.some((s) => s.startsWith("#32-#50 Pending ×19"))).toBe(true);
    expect(summary.failed[0]?.lastLog.at(-1)).toBe("Fatal: The action Run migrations on web-02 failed");
    expect(summary.counts).toEqual({ Success: 30, Failed: 1, Pending: 19 });
  });

  it("uses the roots as steps when there are several", () => {
    expect(stepsOf([{ Name: "a" }, { Name: "b" }]).map((s) => s.Name)).toEqual(["a", "b"]);
    expect(stepsOf(undefined)).toEqual([]);
  });

  it("stops at a failed activity without failed children", () => {
    expect(
      findFailingLeaf({ Name: "s", Status: "Failed", Children: [{ Name: "c", Status: "Success" }] }),
    ).toEqual({
      path: [],
      leaf: { Name: "s", Status: "Failed", Children: [{ Name: "c", Status: "Success" }] },
      otherFailed: 0,
    });
  });
});

describe("buildTaskReport (get task)", () => {
  it("fits a 50-step failed deployment under 2,500 characters", () => {
    const details = failedDeploymentDetails(50, 31);
    const report = buildTaskReport(
      details,
      [
        {
          Id: "Interruptions-7",
          Type: "GuidedFailure",
          Title: "Deploy Checkout release 2.3.17 to Production failed",
          IsPending: true,
        },
      ],
      { now: Date.parse("2026-11-21T00:00:00Z") },
    );
    const json = JSON.stringify(report);
    expect(json.length).toBeLessThan(2_500);
    expect(report.state).toBe("Failed");
    expect(report.related).toEqual({
      deploymentId: "Deployments-321",
      projectId: "Projects-2",
      environmentId: "Environments-4",
    });
    expect(report.interruptions).toEqual([
      {
        id: "Interruptions-7",
        type: "GuidedFailure",
        title: "Deploy Checkout release 2.3.17 to Production failed",
      },
    ]);
    expect(report.activity?.failed[0]?.path).toEqual(["web-02", "Run migrations"]);
    expect(report.duration).toMatch(/^\dm\d\ds$/);
    expect(report.progressPercent).toBeUndefined();
  });
});
