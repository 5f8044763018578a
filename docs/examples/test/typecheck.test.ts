// The docs' examples compile under the repository's strict settings.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

it("docs/examples type-checks (tsc --noEmit)", () => {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const tsc = createRequire(path.join(dir, "package.json")).resolve("typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", path.join(dir, "tsconfig.json"), "--noEmit"], {
    encoding: "utf8",
  });
  expect(r.stdout + r.stderr).toBe("");
  expect(r.status).toBe(0);
});
