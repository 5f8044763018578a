// Keeps src/generated/config-validator.ts (the plugin's precompiled config validator) in step with
// STATUS_CONFIG_SCHEMA; UPDATE_SCHEMA=1 rewrites it.
import { fileURLToPath } from "node:url";
import { syncPrecompiledConfigValidator } from "@octopus-mcp/testkit";
import { expect, it } from "vitest";
import { STATUS_CONFIG_SCHEMA } from "../src/class-handler.js";

it("the precompiled config validator matches STATUS_CONFIG_SCHEMA", () => {
  const sync = syncPrecompiledConfigValidator({
    schema: STATUS_CONFIG_SCHEMA,
    file: fileURLToPath(new URL("../src/generated/config-validator.ts", import.meta.url)),
    update: process.env.UPDATE_SCHEMA === "1",
  });
  expect(sync.current, "regenerate with UPDATE_SCHEMA=1").toBe(sync.expected);
});
