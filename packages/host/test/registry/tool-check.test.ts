import { describe, expect, it } from "vitest";
import { checkToolDefinitions } from "../../src/registry/tool-check.js";
import { echoTool } from "../fixtures/fixture-plugins.js";

describe("checkToolDefinitions", () => {
  it("returns nothing for valid tools and the startup messages for invalid ones", () => {
    expect(checkToolDefinitions("a", [echoTool("a")])).toEqual([]);
    expect(
      checkToolDefinitions(
        "a",
        [echoTool("a"), echoTool("a", { inputSchema: { type: "object", properties: { q: {} } } })],
        "@x/a",
      ),
    ).toEqual([
      'Plugin "@x/a" tool "a_echo": /name: rule "unique-name": registered twice by this plugin',
      'Plugin "@x/a" tool "a_echo": /inputSchema/properties/q: rule "property-description": property "q" has no "description" (agents choose arguments from it; with zod use .describe())',
    ]);
  });
});
