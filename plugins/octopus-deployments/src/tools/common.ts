/** Input fields shared by several tools (short descriptions: they are paid for in every tools/list). */
import { z } from "zod";
import { TASK_STATES } from "@octopus-mcp/octopus-api";

export const spaceField = z.string().optional().describe("Space name or ID");
export const projectField = z.string().describe("Project name, slug or ID");
export const cursorField = z.string().optional().describe("Page cursor (nextCursor)");
export const limitField = (max: number, def: number) =>
  z.number().int().min(1).max(max).optional().describe(`Page size (default ${def})`);
export const taskStateField = z.enum(TASK_STATES).optional().describe("Task state");
export const nameList = (what: string) => z.array(z.string()).describe(what);
