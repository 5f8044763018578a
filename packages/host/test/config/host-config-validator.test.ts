import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { validate } from "../../src/config/generated/host-config-validator.js";
import { hostConfigValidatorSource } from "../../src/config/host-config-validator-source.js";

const generatedFile = fileURLToPath(
  new URL("../../src/config/generated/host-config-validator.ts", import.meta.url),
);
type Validator = ((value: unknown) => boolean) & {
  errors?: { instancePath: string; keyword: string }[] | null;
};

describe("precompiled host config validator", () => {
  it("matches host-config-schema.ts (UPDATE_SCHEMA=1 regenerates it)", async () => {
    const expected = hostConfigValidatorSource();
    if (process.env.UPDATE_SCHEMA === "1") await writeFile(generatedFile, expected);
    // Compared as text: a schema change without regeneration must fail here, not in production.
    expect(await readFile(generatedFile, "utf8")).toBe(expected);
  });

  it("applies defaults and coerces interpolated strings in place", () => {
    const config: Record<string, unknown> = { http: { timeoutMs: "2500" }, plugins: [] };
    expect((validate as Validator)(config)).toBe(true);
    expect((config.http as Record<string, unknown>).timeoutMs).toBe(2500);
    expect(config.logging).toMatchObject({ level: "info" });
  });

  it("reports every error with its instance path and keyword", () => {
    const v = validate as Validator;
    expect(v({ plugins: [{ package: "a", path: "b" }], unknownKey: 1 })).toBe(false);
    const found = (v.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(found).toContain(" additionalProperties");
    expect(found).toContain("/plugins/0 oneOf");
  });
});
