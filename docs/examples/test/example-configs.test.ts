// examples/configs pass `octopus-mcp config validate` as an operator would run it: the configs
// name plugins by package, so they are validated from a folder whose node_modules links the
// workspace packages. examples/clients are valid JSON without secrets.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const configsDir = path.join(repo, "examples/configs");
const clientsDir = path.join(repo, "examples/clients");
const hostBin = path.join(repo, "packages/host/bin/octopus-mcp.js");
const SECRET_SHAPES = /API-[A-Z0-9]{16,}|xox[abp]-|eyJ[A-Za-z0-9_-]{10,}\.|-----BEGIN|ghp_[A-Za-z0-9]{20,}/;

let operatorDir: string;
beforeAll(() => {
  operatorDir = mkdtempSync(path.join(tmpdir(), "docs-example-configs-"));
  const links: Record<string, string> = {
    "@octopus-mcp/plugin-octopus-deployments": "plugins/octopus-deployments",
    "@octopus-mcp/plugin-octopus-tasks": "plugins/octopus-tasks",
    "@octopus-mcp/plugin-octopus-argocd": "plugins/octopus-argocd",
    "octopus-mcp-plugin-deploy-notifier": "examples/plugin-deploy-notifier",
  };
  for (const [name, target] of Object.entries(links)) {
    const at = path.join(operatorDir, "node_modules", name);
    mkdirSync(path.dirname(at), { recursive: true });
    symlinkSync(path.join(repo, target), at, "dir");
  }
  cpSync(configsDir, operatorDir, { recursive: true });
});
afterAll(() => rmSync(operatorDir, { recursive: true, force: true }));

const configs = readdirSync(configsDir).filter((f) => f.endsWith(".yaml"));

describe("examples/configs", () => {
  it("has the sandbox, single-Octopus stdio, multi-tenant HTTP and third-party plugin configs", () => {
    expect(configs.sort()).toEqual([
      "multi-tenant-http.yaml",
      "sandbox.yaml",
      "single-octopus-stdio.yaml",
      "with-deploy-notifier.yaml",
    ]);
  });

  for (const file of configs) {
    it(`${file} passes octopus-mcp config validate and holds no secret`, () => {
      const text = readFileSync(path.join(configsDir, file), "utf8");
      expect(text).not.toMatch(SECRET_SHAPES);
      const r = spawnSync(
        process.execPath,
        [hostBin, "config", "validate", "--config", path.join(operatorDir, file)],
        {
          encoding: "utf8",
          env: {
            PATH: process.env.PATH ?? "",
            HOME: "/home/operator",
            OCTOPUS_SERVER_URL: "https://octopus.example.com",
          },
        },
      );
      expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
      expect(r.stdout).toContain("is valid");
    });
  }
});

describe("examples/clients", () => {
  const files = readdirSync(clientsDir).filter((f) => f.endsWith(".json"));

  it("covers Claude Desktop, Claude Code, Cursor and VS Code", () => {
    expect(files.sort()).toEqual([
      "claude-code.mcp.json",
      "claude-desktop.json",
      "cursor.mcp.json",
      "vscode.mcp.json",
    ]);
  });

  for (const file of files) {
    it(`${file} is valid JSON naming an octopus server, without secrets`, () => {
      const text = readFileSync(path.join(clientsDir, file), "utf8");
      expect(text).not.toMatch(SECRET_SHAPES);
      const json = JSON.parse(text) as {
        mcpServers?: Record<string, unknown>;
        servers?: Record<string, unknown>;
      };
      const servers = json.mcpServers ?? json.servers ?? {};
      expect(servers).toHaveProperty("octopus");
      expect(JSON.stringify(servers.octopus)).toContain('"serve"');
    });
  }
});
