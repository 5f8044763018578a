import { fileURLToPath } from "node:url";
import { syncPrecompiledConfigValidator } from "@octopus-mcp/testkit";
import { describe, expect, it } from "vitest";
import { ARGOCD_CONFIG_SCHEMA } from "../../src/plugin-config.js";

describe("manifest.precompiledConfigValidator", () => {
  it("is generated from the current ARGOCD_CONFIG_SCHEMA (UPDATE_SCHEMA=1 rewrites it)", () => {
    const sync = syncPrecompiledConfigValidator({
      schema: ARGOCD_CONFIG_SCHEMA,
      file: fileURLToPath(new URL("../../src/generated/config-validator.ts", import.meta.url)),
      update: process.env.UPDATE_SCHEMA === "1",
    });
    expect(
      sync.current,
      "regenerate with UPDATE_SCHEMA=1 npx vitest run test/unit/config-validator.test.ts",
    ).toBe(sync.expected);
  });
});
