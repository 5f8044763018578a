import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { precompiledConfigValidatorModule, syncPrecompiledConfigValidator } from "../src/index.js";

const schema = { type: "object", properties: { level: { type: "integer", default: 2 } } };
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("syncPrecompiledConfigValidator", () => {
  it("reports a missing file, writes it on update, then reports it in step", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "testkit-validator-"));
    dirs.push(dir);
    const file = path.join(dir, "src", "generated", "config-validator.ts");
    expect(syncPrecompiledConfigValidator({ schema, file }).current).toBe("");
    const written = syncPrecompiledConfigValidator({ schema, file, update: true });
    expect(written.current).toBe(written.expected);
    expect(written.expected).toContain(
      "export const PRECOMPILED_CONFIG_VALIDATOR: PrecompiledConfigValidator",
    );
    expect(syncPrecompiledConfigValidator({ schema, file }).current).toBe(written.expected);
    // A changed schema makes the file stale.
    const changed = { ...schema, required: ["level"] };
    const stale = syncPrecompiledConfigValidator({ schema: changed, file });
    expect(stale.current).not.toBe(stale.expected);
  });

  it("refuses a schema the host could not compile", () => {
    expect(() =>
      precompiledConfigValidatorModule({ type: "object", properties: { a: { type: "strin" } } }),
    ).toThrow();
  });
});
