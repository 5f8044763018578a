/**
 * The non-compliant fixture corpus: every fixture plugin must produce exactly the listed findings
 * (rule ID, and the tool where the finding is about a tool); compliant fixtures produce none.
 */
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lintPlugin } from "../src/lint.js";
import { FIXTURES, ids } from "./helpers.js";

afterAll(() => {
  // The "leaky" fixture leaves an interval behind on purpose.
  clearInterval((globalThis as { __pluginLintLeak?: NodeJS.Timeout }).__pluginLintLeak);
  (globalThis as { __pluginLintServer?: { close(): void } }).__pluginLintServer?.close();
});

const EXPECTED: Record<string, string[]> = {
  compliant: [],
  "compliant-offline": [],
  // Credential safety
  "secrets-in-source": ["L-CRED-2", "L-CRED-3", "L-SECRET-2", "L-SECRET-2"],
  "credential-config": ["L-CRED-1", "L-SECRET-1", "L-SECRET-2"],
  // Tenant isolation
  "cross-tenant": ["L-TENANT-1@demo_list_spaces"],
  "no-credential": ["L-TENANT-1@demo_list_spaces"],
  "startup-request": ["L-TENANT-1"],
  "unscoped-logs": ["L-TENANT-2@demo_list_spaces"],
  // Schema standards
  "bad-names": [
    "L-NAME-1@demo list spaces",
    "L-NAME-2@demo_get_space",
    "L-NAME-3@demo list spaces",
    "L-NAME-3@demo_ListThings",
    "L-NAME-3@other_list_things",
  ],
  "bad-descriptions": ["L-DESC-1@demo_no_description", "L-SIZE-1@demo_long_description"],
  "bad-schemas": [
    "L-SCHEMA-1@demo_untyped_root",
    "L-SCHEMA-2@demo_boolean_property",
    "L-SCHEMA-9@demo_boolean_property",
    "L-SCHEMA-3@demo_type_array",
    "L-SCHEMA-4@demo_remote_ref",
    "L-SCHEMA-6@demo_remote_ref",
    "L-SCHEMA-5@demo_untyped_property",
    "L-SCHEMA-6@demo_unknown_keyword",
    "L-SCHEMA-7@demo_bad_output",
    "L-SCHEMA-8@demo_required_undeclared",
    "L-SCHEMA-9@demo_undescribed_property",
    "L-SCHEMA-10@demo_no_params_open",
    "L-SCHEMA-11@demo_open_object",
    "L-SCHEMA-12@demo_enum_hint",
    "L-SCHEMA-13@demo_format_hint",
  ].sort(),
  poisoned: [
    "L-POISON-1@demo_tag",
    "L-POISON-1@demo_property_poison",
    "L-POISON-3@demo_property_poison",
    "L-POISON-2@demo_coercive",
    "L-POISON-3@demo_secret_ref",
    "L-POISON-4@demo_emphasis",
    "L-POISON-5@demo_hidden",
    "L-POISON-7@demo_sidenote",
    "L-SHADOW-1@demo_shadow_name",
    "L-SHADOW-2@demo_shadow_phrase",
    "L-EXFIL-1@demo_exfil",
  ].sort(),
  annotations: [
    "L-ACCESS-1@demo_list_hinted",
    "L-ACCESS-1@demo_archive_space",
    "L-ANNOT-2@demo_archive_space",
    "L-ANNOT-2@demo_delete_space",
  ].sort(),
  pinned: ["L-PIN-1@demo_find_projects", "L-PIN-1@demo_get_space"],
  "toxic-flow": ["L-FLOW-1@demo_deploy_release", "L-FLOW-1@demo_send_message"],
  // Lifecycle contract
  "lifecycle-missing": ["L-LIFE-1"],
  "register-io": ["L-LIFE-2", "L-LIFE-2"],
  "start-fails": ["L-LIFE-3"],
  "stop-hangs": ["L-LIFE-4"],
  leaky: ["L-LIFE-5"],
  "leaky-server": ["L-LIFE-5"],
  // Graceful degradation
  "throws-on-failure": ["L-DEGRADE-1@demo_list_spaces"],
  "no-retry": ["L-DEGRADE-2@demo_list_spaces"],
  "global-fetch": ["L-DEGRADE-1@demo_list_spaces", "L-DEGRADE-3@demo_list_spaces"],
  ungeneratable: ["L-DEGRADE-4@demo_get_thing"],
};

describe("fixture corpus", () => {
  for (const [fixture, expected] of Object.entries(EXPECTED)) {
    it(`${fixture} -> ${expected.length === 0 ? "clean" : [...new Set(expected.map((e) => e.split("@")[0]))].join(", ")}`, async () => {
      const report = await lintPlugin(path.join(FIXTURES, fixture), { stopTimeoutMs: 300 });
      expect(ids(report.findings)).toEqual([...expected].sort());
      for (const f of report.findings) {
        expect(f.fix.length).toBeGreaterThan(10);
        expect(f.message.length).toBeGreaterThan(5);
      }
    });
  }

  it("reports locations: file and line for secrets, JSON pointers for tool and manifest findings", async () => {
    const secrets = await lintPlugin(path.join(FIXTURES, "secrets-in-source"));
    expect(
      secrets.findings
        .filter((f) => f.ruleId === "L-SECRET-2")
        .map((f) => `${f.location.file}:${f.location.line}`)
        .sort(),
    ).toEqual(["src/defaults.js:2", "src/defaults.js:3"]);
    // The secret value itself never appears in a finding.
    expect(JSON.stringify(secrets.findings)).not.toContain("7QF2KD9XWB3MZ8RTN4YHC6PJ5VLA");
    const config = await lintPlugin(path.join(FIXTURES, "credential-config"));
    expect(config.findings.find((f) => f.ruleId === "L-CRED-1")?.location).toEqual({
      manifest: true,
      pointer: "/configSchema/properties/apiKey",
    });
    const poisoned = await lintPlugin(path.join(FIXTURES, "poisoned"));
    expect(
      poisoned.findings.find((f) => f.ruleId === "L-POISON-1" && f.location.tool === "demo_property_poison")
        ?.location.pointer,
    ).toBe("/inputSchema/properties/a/description");
  });

  it("onRegister I/O findings carry the stack of the offending call", async () => {
    const report = await lintPlugin(path.join(FIXTURES, "register-io"));
    const io = report.findings.filter((f) => f.ruleId === "L-LIFE-2");
    expect(io.map((f) => f.message).sort()).toEqual([
      "onRegister starts a timer (setTimeout)",
      "onRegister writes to the file system (fs.mkdirSync)",
    ]);
    for (const f of io) expect(f.stack).toContain("register-io/index.js");
  });
});
