import { describe, expect, it } from "vitest";
import { validatePluginSection } from "../../src/config/plugin-config.js";
import {
  pluginConfigValidator,
  pluginConfigValidatorFormat,
} from "../../src/config/precompiled-config-validator.js";

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

describe("precompiled config validators (manifest.precompiledConfigValidator)", () => {
  const precompiled = pluginConfigValidator(schema);
  const invalid = { maxLogLines: "0", mode: "verbose", modee: 1 };

  it("records the schema's hash and the host's compile settings", () => {
    expect(precompiled.format).toBe(pluginConfigValidatorFormat());
    expect(precompiled.format).toMatch(/^ajv-8\.\d+\/2020-12\/config-1$/);
    expect(precompiled.schemaSha256).toMatch(/^[0-9a-f]{64}$/);
    // Key order does not change the hash (canonical JSON).
    const { type, additionalProperties, properties, required } = schema;
    const reordered = { required, properties, additionalProperties, type };
    expect(pluginConfigValidator(reordered).schemaSha256).toBe(precompiled.schemaSha256);
  });

  it("validates, applies defaults and coerces exactly as compiling the schema does", () => {
    const compiledSection: Record<string, unknown> = { endpoint: "https://x.example.com", maxLogLines: "40" };
    const precompiledSection = { ...compiledSection };
    expect(validatePluginSection(schema, compiledSection, where)).toEqual([]);
    expect(validatePluginSection(schema, precompiledSection, where, precompiled)).toEqual([]);
    expect(precompiledSection).toEqual({
      endpoint: "https://x.example.com",
      maxLogLines: 40,
      mode: "compact",
    });
    expect(precompiledSection).toEqual(compiledSection);
    expect(validatePluginSection(schema, { ...invalid }, where, precompiled)).toEqual(
      validatePluginSection(schema, { ...invalid }, where),
    );
    // Formats come from the host's ajv-formats.
    expect(validatePluginSection(schema, { endpoint: "not a uri" }, where, precompiled)).toEqual([
      expect.objectContaining({ path: "/plugins/1/config/endpoint" }),
    ]);
  });

  it("is used only for the schema it was made from, with the host's settings", () => {
    // A validator that accepts anything tells whether the host used it.
    const acceptAll = (overrides: object) => ({
      ...precompiled,
      source: "module.exports = function validate() { return true; };",
      ...overrides,
    });
    expect(validatePluginSection(schema, { ...invalid }, where, acceptAll({}))).toEqual([]);
    const otherSchema = { ...schema, required: [] };
    expect(validatePluginSection(otherSchema, { ...invalid }, where, acceptAll({})).length).toBeGreaterThan(
      0,
    );
    expect(
      validatePluginSection(schema, { ...invalid }, where, acceptAll({ format: "ajv-7.0/2020-12/config-1" })),
    ).toHaveLength(4);
  });

  it("blames the plugin when the precompiled source does not export a function", () => {
    const broken = { ...precompiled, source: "module.exports = 42;" };
    expect(validatePluginSection(schema, {}, where, broken)).toEqual([
      expect.objectContaining({
        path: "/plugins/1/config",
        message: expect.stringContaining("does not export a validate function"),
        fix: expect.stringContaining("plugin's author"),
      }),
    ]);
  });
});
