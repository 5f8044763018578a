import { mkdtempSync, readFileSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  createPluginProject,
  findTemplateDirectory,
  removeProject,
  runCreatePluginCli,
} from "../src/index.js";

const made: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "create-plugin-test-"));
  made.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of made.splice(0)) await removeProject(dir);
});

async function allText(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, full), await readFile(full, "utf8"));
  }
  return out;
}

describe("createPluginProject", () => {
  it("finds the in-repository template", () => {
    expect(existsSync(path.join(findTemplateDirectory(), "src", "plugin.ts"))).toBe(true);
  });

  it("copies the template with every name filled in", async () => {
    const directory = path.join(tempDir(), "deploy-notifier");
    const project = await createPluginProject({
      name: "deploy-notifier",
      directory,
      description: "Posts deployment summaries to a chat webhook.",
      dependencySpecs: { "@octopus-mcp/core": "file:/tmp/core.tgz" },
    });
    expect(project.directory).toBe(directory);
    expect(project.files).toEqual(
      expect.arrayContaining([
        "package.json",
        "README.md",
        ".gitignore",
        ".github/workflows/ci.yml",
        "src/plugin.ts",
        "test/get-server-info.test.ts",
        "vitest.config.ts",
      ]),
    );
    expect(project.files.some((f) => f.startsWith("node_modules") || f.startsWith("dist"))).toBe(false);

    const pkg = JSON.parse(readFileSync(path.join(directory, "package.json"), "utf8")) as {
      name: string;
      description: string;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.name).toBe("octopus-mcp-plugin-deploy-notifier");
    expect(pkg.description).toBe("Posts deployment summaries to a chat webhook.");
    expect(pkg.dependencies["@octopus-mcp/core"]).toBe("file:/tmp/core.tgz");
    expect(pkg.devDependencies["@octopus-mcp/testkit"]).toBe("^0.1.0");
    expect(JSON.stringify(pkg)).not.toMatch(/workspace:|catalog:/);

    const plugin = readFileSync(path.join(directory, "src/plugin.ts"), "utf8");
    expect(plugin).toContain('namespace: "deploy_notifier"');
    expect(plugin).toContain(
      "export function createDeployNotifierPlugin(): IOctopusPlugin<DeployNotifierConfig>",
    );
    expect(plugin).toContain("DEPLOY_NOTIFIER_MANIFEST");
    expect(plugin).toContain('"Posts deployment summaries to a chat webhook."');
    expect(readFileSync(path.join(directory, "src/tools/get-server-info-tool.ts"), "utf8")).toContain(
      'name: "deploy_notifier_get_server_info"',
    );
    expect(readFileSync(path.join(directory, "vitest.config.ts"), "utf8")).toContain(
      'name: "deploy-notifier"',
    );

    // No template identifier is left in code, tests or config.
    for (const [file, text] of await allText(directory)) {
      if (file === "README.md") continue;
      expect({
        file,
        leftovers: text.match(/template_|Template(Config|Plugin)|TEMPLATE_|"template"|plugin-template/g),
      }).toEqual({
        file,
        leftovers: null,
      });
    }
    const readme = readFileSync(path.join(directory, "README.md"), "utf8");
    expect(readme).toContain("namespace `deploy_notifier`");
    expect(readme).not.toContain("## 1. Rename");
    expect(readme).toContain("## 6. Enable it in an operator config");
  });

  it("refuses a non-empty target folder and leaves it untouched", async () => {
    const directory = tempDir();
    writeFileSync(path.join(directory, "keep.txt"), "mine");
    await expect(createPluginProject({ name: "x-y", directory })).rejects.toThrow(/not an empty folder/);
    expect(await readdir(directory)).toEqual(["keep.txt"]);
  });
});

describe("create-octopus-mcp-plugin CLI", () => {
  it("scaffolds into the given folder and prints the next steps", async () => {
    const out: string[] = [];
    const directory = path.join(tempDir(), "ticket-lookup");
    const code = await runCreatePluginCli(["@acme/ticket-lookup", directory, "--namespace", "tickets"], {
      out: (t) => out.push(t),
      err: (t) => out.push(t),
    });
    expect(code).toBe(0);
    expect(out.join("")).toContain('Created @acme/ticket-lookup (namespace "tickets")');
    expect(readFileSync(path.join(directory, "src/plugin.ts"), "utf8")).toContain('namespace: "tickets"');
  });

  it("exits 1 with the reason on a bad name, 2 on a usage error", async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (t: string) => err.push(t) };
    const dir = tempDir();
    mkdirSync(path.join(dir, "x"));
    expect(await runCreatePluginCli(["Bad Name", path.join(dir, "x")], io)).toBe(1);
    expect(err.join("")).toContain('"Bad Name" is not a usable plugin name');
    expect(await runCreatePluginCli([], io)).toBe(2);
  });
});
