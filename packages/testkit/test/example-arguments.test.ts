import { createStrictAjv } from "@octopus-mcp/host";
import { defineTool } from "@octopus-mcp/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkToolDefinitions, exampleArguments } from "../src/index.js";

const tool = defineTool({
  name: "demo_find",
  description: "Find things.",
  access: "read",
  inputSchema: z
    .object({
      space: z.string().min(3).describe("Space name or ID"),
      kind: z.enum(["release", "deployment"]).describe("What to find"),
      limit: z.number().int().min(5).max(50).default(10).describe("Max results"),
      since: z.string().datetime().optional().describe("Only after this time"),
      filter: z
        .object({ environments: z.array(z.string().describe("Environment")).min(1).describe("Environments") })
        .strict()
        .describe("Filter"),
      dryRun: z.boolean().optional().describe("Only preview"),
    })
    .strict(),
  handler: () => ({}),
});

describe("exampleArguments", () => {
  it("produces arguments the host's strict validator accepts (required only, and all)", () => {
    const validate = createStrictAjv().compile(tool.inputSchema);
    const minimal = exampleArguments(tool.inputSchema);
    expect(minimal).toEqual({ space: "xxx", kind: "release", filter: { environments: ["x"] } });
    expect(validate(structuredClone(minimal))).toBe(true);
    const all = exampleArguments(tool.inputSchema, { includeOptional: true });
    expect(all).toMatchObject({ limit: 10, since: "2026-01-01T00:00:00Z", dryRun: false });
    expect(validate(structuredClone(all))).toBe(true);
  });

  it("checkToolDefinitions is re-exported for unit tests of tool definitions", () => {
    expect(checkToolDefinitions("demo", [tool])).toEqual([]);
  });
});
