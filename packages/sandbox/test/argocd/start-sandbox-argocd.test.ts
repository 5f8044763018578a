// The Argo CD side as wired into startSandbox(): one port serves the Octopus API and both Argo CD instances.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../src/index.js";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, scale: 1, seed: 1 });
});
afterAll(async () => {
  await sb.stop();
});

it("serves both Argo CD instances next to the Octopus API, with their own tokens", async () => {
  expect(sb.argocd.map((i) => i.name)).toEqual(["argocd-main", "argocd-edge"]);
  expect(sb.argocd.map((i) => i.baseUrl)).toEqual([
    `${sb.octopusUrl}/argocd/main`,
    `${sb.octopusUrl}/argocd/edge`,
  ]);
  for (const instance of sb.argocd) {
    const ok = await fetch(`${instance.baseUrl}/api/v1/applications?fields=items.metadata.name`, {
      headers: { authorization: `Bearer ${instance.token}` },
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { items: unknown[] }).items.length).toBeGreaterThan(10);
    // The Octopus API key is no Argo CD token.
    const wrong = await fetch(`${instance.baseUrl}/api/v1/applications`, {
      headers: { authorization: `Bearer ${sb.apiKey}` },
    });
    expect(wrong.status).toBe(401);
  }
  expect(sb.git.url).toMatch(/^file:\/\/.*manifests\.git$/);
});

it("annotates applications with the catalogue's Octopus slugs", async () => {
  const main = sb.argocd[0];
  const r = await fetch(`${main?.baseUrl ?? ""}/api/v1/applications/checkout-production`, {
    headers: { authorization: `Bearer ${main?.token ?? ""}` },
  });
  const app = (await r.json()) as {
    metadata: { annotations: Record<string, string> };
    status: { summary: { images: string[] } };
  };
  expect(app.metadata.annotations["argo.octopus.com/project.checkout"]).toBe("checkout");
  expect(app.status.summary.images).toEqual(["ghcr.io/octo-shop/checkout:2.6.1"]);
});

it("rejects when git is missing (the repository is created while the seed is generated) and leaves nothing behind", async () => {
  const workDir = await mkdtemp(path.join(tmpdir(), "sandbox-no-git-"));
  const saved = process.env["PATH"];
  process.env["PATH"] = "/nonexistent-bin";
  try {
    await expect(startSandbox({ port: 0, workDir })).rejects.toThrow(
      /git CLI was not found on PATH; install git/,
    );
  } finally {
    process.env["PATH"] = saved;
  }
  expect(await readdir(workDir)).toEqual([]);
  await rm(workDir, { recursive: true, force: true });
});
