import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { defineTool } from "../src/index.js";

describe("defineTool typing", () => {
  it("types handler arguments from a zod schema", async () => {
    const tool = defineTool({
      name: "demo_add",
      description: "Adds two numbers.",
      access: "read",
      inputSchema: z
        .object({ a: z.number().describe("First"), b: z.number().default(1).describe("Second") })
        .strict(),
      handler: (args) => {
        expectTypeOf(args).toEqualTypeOf<{ a: number; b: number }>();
        return { sum: args.a + args.b };
      },
    });
    const handler = tool.handler as (args: { a: number; b: number }) => { sum: number };
    expect(handler({ a: 2, b: 3 })).toEqual({ sum: 5 });
  });
});
