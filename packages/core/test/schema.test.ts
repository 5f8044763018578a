import { describe, expect, it } from "vitest";
import { z } from "zod";
import { z as z4 } from "zod/v4";
import { defineTool, isZod4Schema, toJsonSchema } from "../src/index.js";

describe("toJsonSchema", () => {
  it("converts a zod 3 object with descriptions and required keys", () => {
    const schema = toJsonSchema(
      z
        .object({
          project: z.string().describe("Project slug"),
          take: z.number().int().optional().describe("Page size"),
        })
        .strict(),
    );
    expect(schema).toEqual({
      type: "object",
      properties: {
        project: { type: "string", description: "Project slug" },
        take: { type: "integer", description: "Page size" },
      },
      required: ["project"],
      additionalProperties: false,
    });
  });

  it("converts a zod 4 schema with zod's own converter instead of returning an empty schema", () => {
    const input = z4.object({ id: z4.string().describe("Task ID") });
    expect(isZod4Schema(input)).toBe(true);
    const schema = toJsonSchema(input as never);
    expect(schema).toMatchObject({
      type: "object",
      properties: { id: { type: "string", description: "Task ID" } },
      required: ["id"],
    });
    expect(schema).not.toHaveProperty("$schema");
  });

  it("passes plain JSON Schema through unchanged", () => {
    const plain = { type: "object", properties: {}, additionalProperties: false };
    expect(toJsonSchema(plain)).toBe(plain);
  });
});

describe("defineTool", () => {
  it("converts zod input and output schemas and keeps the rest", () => {
    const tool = defineTool({
      name: "demo_echo",
      description: "Echo the text back.",
      access: "read",
      inputSchema: z.object({ text: z.string().describe("Text to echo") }),
      outputSchema: z.object({ text: z.string().describe("The same text") }),
      handler: ({ text }) => ({ text }),
    });
    expect(tool.inputSchema).toMatchObject({ type: "object", required: ["text"] });
    expect(tool.outputSchema).toMatchObject({ type: "object", properties: { text: { type: "string" } } });
    expect(tool.access).toBe("read");
  });
});
