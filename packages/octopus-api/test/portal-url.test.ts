import { describe, expect, it } from "vitest";
import { InvalidArgumentsError } from "@octopus-mcp/core";
import { parsePortalUrl } from "../src/index.js";

const server = "https://octo.example.com";

describe("parsePortalUrl", () => {
  it.each([
    [
      "/app#/Spaces-1/projects/checkout/deployments/Deployments-123",
      { kind: "deployment", spaceId: "Spaces-1", id: "Deployments-123", projectSlug: "checkout" },
    ],
    [
      "/app#/Spaces-1/projects/checkout/deployments/releases/1.2.3/deployments/Deployments-7?activeTab=taskLog",
      {
        kind: "deployment",
        spaceId: "Spaces-1",
        id: "Deployments-7",
        projectSlug: "checkout",
        releaseVersion: "1.2.3",
      },
    ],
    ["/app#/Spaces-2/tasks/ServerTasks-1", { kind: "task", spaceId: "Spaces-2", id: "ServerTasks-1" }],
    ["/app#/tasks/ServerTasks-9", { kind: "task", spaceId: undefined, id: "ServerTasks-9" }],
    ["/app#/Spaces-1/releases/Releases-5", { kind: "release", spaceId: "Spaces-1", id: "Releases-5" }],
    [
      "/app#/Spaces-1/projects/checkout/deployments/releases/2.0.0-beta.1",
      {
        kind: "release",
        spaceId: "Spaces-1",
        id: undefined,
        projectSlug: "checkout",
        releaseVersion: "2.0.0-beta.1",
      },
    ],
    [
      "/app#/Spaces-1/projects/ops/operations/runbooks/Runbooks-3/snapshots/RunbookSnapshots-1/runs/RunbookRuns-4",
      { kind: "runbookRun", spaceId: "Spaces-1", id: "RunbookRuns-4", projectSlug: "ops" },
    ],
    [
      "/app#/Spaces-1/projects/checkout/overview",
      { kind: "project", spaceId: "Spaces-1", id: undefined, projectSlug: "checkout" },
    ],
    ["/app#/spaces-1/tasks/servertasks-12", { kind: "task", spaceId: "Spaces-1", id: "ServerTasks-12" }],
  ])("parses %s", (path, expected) => {
    expect(parsePortalUrl(`${server}${path}`, server)).toEqual(expected);
  });

  it("accepts servers in a virtual directory", () => {
    expect(
      parsePortalUrl(
        "https://h.example.com/octo/app#/Spaces-1/tasks/ServerTasks-2",
        "https://h.example.com/octo/",
      ).id,
    ).toBe("ServerTasks-2");
  });

  it("rejects links to another server", () => {
    expect(() =>
      parsePortalUrl("https://other.example.com/app#/Spaces-1/tasks/ServerTasks-1", server),
    ).toThrow(/caller tenant's Octopus server is https:\/\/octo\.example\.com/);
  });

  it.each([
    ["not a url"],
    [`${server}/app`],
    [`${server}/app#/Spaces-1/library/feeds`],
    [`${server}/somewhere#/Spaces-1/tasks/ServerTasks-1`],
    [`${server}/app#/Spaces-1/tasks/%E0%A4%A`],
  ])("rejects malformed %s", (url) => {
    expect(() => parsePortalUrl(url, server)).toThrow(InvalidArgumentsError);
  });
});
