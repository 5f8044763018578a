/**
 * Output schemas: shallow on purpose (they are paid for in every tools/list) but accurate, since
 * clients validate `structuredContent` against them.
 */
import type { JsonSchema } from "@octopus-mcp/core";

/** `{ items[], page{total?, returned, nextCursor?} }` (plus tool-specific context fields). */
export function listOutput(itemsDescription: string): JsonSchema {
  return {
    type: "object",
    properties: {
      items: { type: "array", description: itemsDescription },
      page: { type: "object", description: "{total, returned, nextCursor}" },
    },
    required: ["items", "page"],
  };
}
