/** L-PIN-1: canonical hashing, the pin file, `--update-pins` and the `.pluginlintrc` `pins` path. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ToolDefinition } from "@octopus-mcp/core";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../src/cli.js";
import { LintConfigError } from "../src/lint-config.js";
import { lintPlugin } from "../src/lint.js";
import { canonicalJson, checkPins, readPinFile, renderPinFile, toolPin } from "../src/static/pins.js";
import { FIXTURES, ids } from "./helpers.js";

const base: ToolDefinition = {
  name: "demo_get_space",
  description: "Returns one space.",
  access: "read",
  inputSchema: {
    type: "object",
    properties: { space: { type: "string", description: "Space name or ID." } },
    additionalProperties: false,
  },
  handler: () => ({}),
};

describe("canonicalJson (RFC 8785)", () => {
  it("sorts keys recursively by UTF-16 code units and drops whitespace and undefined", () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: "x", c: undefined, B: 2 }], é: 0, Z: 1.5 })).toBe(
      '{"Z":1.5,"a":[true,null,{"B":2,"d":"x"}],"b":1,"é":0}',
    );
    expect(canonicalJson({ "\u20ac": 1, "\ud83d\ude00": 2, "\r": 3 })).toBe('{"\\r":3,"€":1,"😀":2}');
    expect(canonicalJson(1e21)).toBe("1e+21");
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
  });
});

describe("toolPin", () => {
  it("is a SHA-256 hex digest independent of key order and of the handler", () => {
    const reordered: ToolDefinition = {
      handler: () => ({ other: true }),
      inputSchema: {
        additionalProperties: false,
        properties: { space: { description: "Space name or ID.", type: "string" } },
        type: "object",
      },
      access: "read",
      description: "Returns one space.",
      name: "demo_get_space",
    };
    expect(toolPin(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(toolPin(reordered)).toBe(toolPin(base));
  });

  it("changes with every part of the definition a client sees", () => {
    const variants: ToolDefinition[] = [
      { ...base, name: "demo_get_space2" },
      { ...base, description: "Returns one space by name." },
      { ...base, title: "Get space" },
      { ...base, inputSchema: { ...base.inputSchema, required: ["space"] } },
      { ...base, outputSchema: { type: "object", properties: {} } },
      { ...base, access: "write" },
      { ...base, annotations: { openWorldHint: false } },
    ];
    const pins = new Set(variants.map(toolPin));
    expect(pins.size).toBe(variants.length);
    expect(pins.has(toolPin(base))).toBe(false);
    // Explicit hints equal to the access-derived ones serve the same annotations: same pin.
    expect(toolPin({ ...base, annotations: { readOnlyHint: true } })).toBe(toolPin(base));
  });
});

describe("pin file", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("checkPins reports new and changed tools, not matching ones", () => {
    const pins = JSON.parse(renderPinFile([base])) as ReturnType<typeof readPinFile> & object;
    expect(checkPins([base], pins, ".pluginlint-pins.json")).toEqual([]);
    const changed = checkPins(
      [
        { ...base, description: "Returns one space. Also reads ~/.ssh." },
        { ...base, name: "demo_new" },
      ],
      pins,
      ".pluginlint-pins.json",
    );
    expect(changed.map((f) => `${f.ruleId}@${f.location.tool}`)).toEqual([
      "L-PIN-1@demo_get_space",
      "L-PIN-1@demo_new",
    ]);
    expect(changed[0]?.message).toMatch(/^unreviewed change: the definition of demo_get_space differs/);
    expect(changed[1]?.message).toMatch(/^unreviewed change: new tool demo_new has no pin/);
    expect(changed[0]?.fix).toContain("--update-pins");
  });

  it("rejects a malformed pin file with the file, the problem and the fix", () => {
    dir = mkdtempSync(path.join(tmpdir(), "plugin-lint-pins-"));
    const file = path.join(dir, "pins.json");
    expect(readPinFile(file)).toBeUndefined();
    writeFileSync(file, "{ not json");
    expect(() => readPinFile(file)).toThrow(LintConfigError);
    writeFileSync(file, JSON.stringify({ version: 1, algorithm: "md5", tools: {} }));
    expect(() => readPinFile(file)).toThrow(/"algorithm" must be "sha256"/);
    writeFileSync(file, JSON.stringify({ version: 1, algorithm: "sha256", tools: { a: "abc" } }));
    expect(() => readPinFile(file)).toThrow(/tools\.a must be a 64-character.*--update-pins/);
  });

  it("no pin file: L-PIN-1 is inactive and the report says so", async () => {
    const report = await lintPlugin(path.join(FIXTURES, "compliant"), { callTools: false });
    expect(report.findings).toEqual([]);
    expect(report.pins).toMatchObject({ state: "absent", count: 0 });
  });

  it("--update-pins writes the pin file (exit 0); the next run is clean; a change is caught", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "plugin-lint-pins-"));
    const plugin = path.join(dir, "pinned");
    cpSync(path.join(FIXTURES, "pinned"), plugin, { recursive: true });
    let stderr = "";
    const io = { stdout: () => undefined, stderr: (t: string) => (stderr += t) };

    expect(await runCli([plugin, "--no-calls"], io)).toBe(1);
    expect(await runCli([plugin, "--no-calls", "--update-pins"], io)).toBe(0);
    expect(stderr).toContain(`wrote 3 tool pins to ${path.join(plugin, ".pluginlint-pins.json")}`);
    const written = readPinFile(path.join(plugin, ".pluginlint-pins.json"));
    expect(Object.keys(written?.tools ?? {})).toEqual([
      "demo_find_projects",
      "demo_get_space",
      "demo_list_spaces",
    ]);
    expect(await runCli([plugin, "--no-calls"], io)).toBe(0);

    // An unreviewed edit of the plugin (a schema change, description untouched) fails the run.
    // (A copy in a new folder: the edited module must not come from the ESM import cache.)
    const edited = path.join(dir, "pinned-edited");
    cpSync(plugin, edited, { recursive: true });
    const entry = path.join(edited, "index.js");
    writeFileSync(
      entry,
      readFileSync(entry, "utf8").replace(
        "additionalProperties: false,\n    },\n    handler",
        'additionalProperties: false,\n      required: ["space"],\n    },\n    handler',
      ),
    );
    const report = await lintPlugin(edited, { callTools: false });
    expect(ids(report.findings)).toEqual([
      "L-PIN-1@demo_find_projects",
      "L-PIN-1@demo_get_space",
      "L-PIN-1@demo_list_spaces",
    ]);
  });

  it("--update-pins writes nothing and exits 2 when the plugin does not start", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "plugin-lint-pins-"));
    const plugin = path.join(dir, "start-fails");
    cpSync(path.join(FIXTURES, "start-fails"), plugin, { recursive: true });
    let stderr = "";
    const io = { stdout: () => undefined, stderr: (t: string) => (stderr += t) };
    expect(await runCli([plugin, "--no-calls", "--update-pins"], io)).toBe(2);
    expect(stderr).toContain("pins not written");
    expect(existsSync(path.join(plugin, ".pluginlint-pins.json"))).toBe(false);
  });

  it("uses the pin file named by .pluginlintrc `pins`", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "plugin-lint-pins-"));
    const plugin = path.join(dir, "pinned");
    cpSync(path.join(FIXTURES, "pinned"), plugin, { recursive: true });
    rmSync(path.join(plugin, ".pluginlint-pins.json"));
    writeFileSync(path.join(plugin, ".pluginlintrc.yaml"), "pins: review/tool-pins.json\n");
    expect((await lintPlugin(plugin, { callTools: false })).pins.state).toBe("absent");
    mkdirSync(path.join(plugin, "review"));
    cpSync(
      path.join(FIXTURES, "pinned", ".pluginlint-pins.json"),
      path.join(plugin, "review/tool-pins.json"),
    );
    const report = await lintPlugin(plugin, { callTools: false });
    expect(report.pins).toMatchObject({ state: "checked", count: 3 });
    expect(ids(report.findings)).toEqual(["L-PIN-1@demo_find_projects", "L-PIN-1@demo_get_space"]);
    expect(report.findings[0]?.message).toContain("review/tool-pins.json");
    expect(existsSync(path.join(plugin, ".pluginlint-pins.json"))).toBe(false);
  });
});
