import { access, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { authenticate, can, instanceAccounts } from "../../src/argocd/accounts.js";
import { ArgoApiError } from "../../src/argocd/api-error.js";
import { mountArgoCd } from "../../src/argocd/index.js";
import { GitCommandError, runGit } from "../../src/git/git-cli.js";

describe("accounts", () => {
  it("mints deterministic, seed- and instance-specific JWTs", () => {
    const a = instanceAccounts("argocd-main", 1);
    expect(instanceAccounts("argocd-main", 1).map((x) => x.token)).toEqual(a.map((x) => x.token));
    expect(instanceAccounts("argocd-main", 2)[0]?.token).not.toBe(a[0]?.token);
    expect(instanceAccounts("argocd-edge", 1)[0]?.token).not.toBe(a[0]?.token);
    const payload = JSON.parse(
      Buffer.from(a[0]?.token.split(".")[1] ?? "", "base64url").toString("utf8"),
    ) as Record<string, unknown>;
    expect(payload).toMatchObject({ iss: "argocd", sub: "octopus:apiKey" });
  });

  it("authenticates by exact token and checks grants per AppProject", () => {
    const accounts = instanceAccounts("argocd-main", 7);
    const viewer = authenticate(accounts, `bearer ${accounts[1]?.token ?? ""}`);
    expect(viewer.name).toBe("viewer");
    expect(can(viewer, "applications", "get", "storefront")).toBe(true);
    expect(can(viewer, "applications", "get", "payments")).toBe(false);
    expect(can(viewer, "applications", "sync", "storefront")).toBe(false);
    expect(() => authenticate(accounts, "Basic abc")).toThrow(ArgoApiError);
    expect(() => authenticate(accounts, `Bearer ${accounts[0]?.token ?? ""}x`)).toThrow(
      /token signature is invalid/,
    );
  });
});

describe("git CLI", () => {
  it("says how to fix a missing git binary", async () => {
    const saved = process.env["PATH"];
    process.env["PATH"] = "/nonexistent-bin";
    try {
      await expect(runGit(["--version"], { cwd: tmpdir() })).rejects.toThrow(
        /git CLI was not found on PATH; install git/,
      );
    } finally {
      process.env["PATH"] = saved;
    }
  });

  it("reports git's own message when a command fails", async () => {
    const error = await runGit(["rev-parse", "--verify", "no-such-ref"], { cwd: tmpdir() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GitCommandError);
    expect((error as GitCommandError).message).toMatch(/git rev-parse failed/);
  });
});

describe("mountArgoCd lifecycle", () => {
  it("rejects invalid options with a message naming the option", async () => {
    const app = Fastify();
    await expect(
      mountArgoCd(app, { scale: 0, seed: 1, workDir: tmpdir(), baseUrl: "http://127.0.0.1:1" }),
    ).rejects.toThrow(/scale must be a number > 0/);
    await expect(
      mountArgoCd(app, { scale: 1, seed: 1.5, workDir: tmpdir(), baseUrl: "http://127.0.0.1:1" }),
    ).rejects.toThrow(/seed must be an integer/);
    await expect(
      mountArgoCd(app, {
        scale: 1,
        seed: 1,
        syncStepMs: -1,
        workDir: tmpdir(),
        baseUrl: "http://127.0.0.1:1",
      }),
    ).rejects.toThrow(/syncStepMs/);
    await app.close();
  });

  it("ends open watch streams when the server closes", async () => {
    const workDir = await mkdtemp(path.join(tmpdir(), "argocd-watch-"));
    const app = Fastify();
    let origin = "";
    const argo = await mountArgoCd(app, {
      scale: 1,
      seed: 1,
      workDir,
      syncStepMs: 50,
      baseUrl: () => origin,
    });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const address = app.server.address();
    origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    const res = await fetch(`${argo.instances[1]?.baseUrl ?? ""}/api/v1/stream/applications`, {
      headers: { authorization: `Bearer ${argo.instances[1]?.token ?? ""}` },
    });
    expect(res.status).toBe(200);
    const text = res.text();
    await app.close(); // would wait forever if the stream stayed open
    const lines = (await text).trim().split("\n");
    expect(lines).toHaveLength(18);
    expect((JSON.parse(lines[0] ?? "{}") as { result: { type: string } }).result.type).toBe("ADDED");
    await argo.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  it("removes its git directory on stop, even with an operation running", async () => {
    const workDir = await mkdtemp(path.join(tmpdir(), "argocd-lifecycle-"));
    const app = Fastify();
    const argo = await mountArgoCd(app, {
      scale: 1,
      seed: 3,
      workDir,
      syncStepMs: 60_000,
      baseUrl: "http://127.0.0.1:9",
    });
    await app.ready();
    const main = argo.instances[0];
    const res = await app.inject({
      method: "POST",
      url: "/argocd/main/api/v1/applications/cart-dev/sync",
      headers: { authorization: `Bearer ${main?.token ?? ""}`, "content-type": "application/json" },
      payload: "{}",
    });
    expect(res.statusCode).toBe(200);
    expect(main?.baseUrl).toBe("http://127.0.0.1:9/argocd/main");
    await access(argo.git.bareRepoPath);
    await argo.stop();
    await argo.stop(); // idempotent
    expect(await readdir(workDir)).toEqual([]);
    await app.close();
    await rm(workDir, { recursive: true, force: true });
  });
});
