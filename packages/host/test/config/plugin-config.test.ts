import { describe, expect, it } from "vitest";
import { validatePluginSection } from "../../src/config/plugin-config.js";

const schema = {
  type: "object",
  additionalProperties: false,
  properties: {
    maxLogLines: { type: "integer", minimum: 1, default: 500, description: "Lines returned at most." },
    mode: { type: "string", enum: ["compact", "full"], default: "compact", description: "Output mode." },
    endpoint: { type: "string", format: "uri", description: "Where to send things." },
  },
  required: ["endpoint"],
};
const where = { file: "/etc/host.yaml", path: "/plugins/1/config" };

describe("validatePluginSection", () => {
  it("applies defaults into the section", () => {
    const section: Record<string, unknown> = { endpoint: "https://x.example.com" };
    expect(validatePluginSection(schema, section, where)).toEqual([]);
    expect(section).toEqual({ endpoint: "https://x.example.com", maxLogLines: 500, mode: "compact" });
  });

  it("reports every problem with file and pointers under the section", () => {
    const issues = validatePluginSection(schema, { maxLogLines: 0, mode: "verbose", modee: 1 }, where);
    expect(issues).toEqual([
      {
        file: "/etc/host.yaml",
        path: "/plugins/1/config/endpoint",
        message: 'required key "endpoint" is missing',
        fix: 'add "endpoint" (Where to send things.)',
      },
      expect.objectContaining({
        path: "/plugins/1/config/modee",
        fix: expect.stringContaining('did you mean "mode"'),
      }),
      expect.objectContaining({ path: "/plugins/1/config/maxLogLines", message: "must be >= 1" }),
      expect.objectContaining({
        path: "/plugins/1/config/mode",
        message: 'must be one of "compact", "full"',
      }),
    ]);
  });

  it("blames the plugin when its schema does not compile in strict mode", () => {
    const issues = validatePluginSection({ type: "object", properties: { a: { type: "strin" } } }, {}, where);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe("/plugins/1/config");
    expect(issues[0]!.message).toContain("configSchema is not a valid strict JSON Schema 2020-12");
    expect(issues[0]!.message).toContain("data/properties/a/type must be equal to one of the allowed values");
    expect(issues[0]!.fix).toContain("plugin's author");
  });

  it("validates sections of plugins whose schemas share an $id independently", () => {
    // Sections are validated by one shared Ajv; equal $ids must neither collide nor mix up schemas.
    const first = {
      $id: "https://example.com/plugin-config",
      type: "object",
      properties: { a: { type: "integer" } },
      additionalProperties: false,
    };
    const second = {
      $id: "https://example.com/plugin-config",
      type: "object",
      properties: { b: { type: "string" } },
      additionalProperties: false,
    };
    expect(validatePluginSection(first, { a: 1 }, where)).toEqual([]);
    expect(validatePluginSection(second, { b: "x" }, where)).toEqual([]);
    expect(validatePluginSection(second, { a: 1 }, where)).toEqual([
      expect.objectContaining({ path: "/plugins/1/config/a" }),
    ]);
  });
});
