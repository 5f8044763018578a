/** Argo CD error mapping end to end: the sandbox's RBAC and auth, through the host's HttpClient. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startArgoSandboxHost, type ArgoSandboxHost } from "../helpers/sandbox-host.js";

let viewer: ArgoSandboxHost;
beforeAll(async () => {
  const { startSandbox } = await import("@octopus-mcp/sandbox");
  // Viewer tokens: applications get on the storefront AppProject only, no sync.
  const probe = await startSandbox({ port: 0 });
  const tokens = Object.fromEntries(probe.argocd.map((i) => [i.name, i.viewerToken]));
  await probe.stop();
  viewer = await startArgoSandboxHost({ tokens });
});
afterAll(async () => {
  await viewer?.stop();
});

describe("Argo CD errors through the host", () => {
  it("403 on get says the application is missing or not permitted (Argo CD hides which)", async () => {
    const r = await viewer.host.callTool("argocd_get_application", {
      name: "payments-production",
      instance: "argocd-main",
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.error).toBe("not_found");
      expect(r.error.message).toMatch(/does not exist, or the token has no permission/);
    }
  });

  it("403 on sync is forbidden with the RBAC hint", async () => {
    const r = await viewer.host.callTool("argocd_sync_application", {
      name: "cart-production",
      instance: "argocd-main",
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.error).toBe("forbidden");
      expect(r.error.message).toMatch(/does not say which/);
    }
  });

  it("an invalid token is unauthorized, naming the credential to rotate, never the token", async () => {
    const env = await startArgoSandboxHost({
      tokens: { "argocd-main": "not-a-valid-token", "argocd-edge": "not-a-valid-token" },
    });
    try {
      const r = await env.host.callTool("argocd_get_application", {
        name: "cart-production",
        instance: "argocd-main",
      });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.error).toBe("unauthorized");
        expect(r.error.message).toMatch(/credential "argocd-main"/);
      }
      expect(env.host.logText()).not.toContain("not-a-valid-token");
      const list = await env.host.callTool<{ instances: { reachable: boolean }[] }>(
        "argocd_list_instances",
        {},
      );
      expect(list.ok).toBe(true);
    } finally {
      await env.stop();
    }
  });

  it("an SSO proxy's HTML login page is reported as such (fault-injecting fetch)", async () => {
    const html: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes("/argocd/")) {
        return new Response("<!DOCTYPE html><html><body>Sign in</body></html>", {
          status: 200,
          headers: { "content-type": "text/html" },
        });
      }
      return fetch(input, init);
    };
    const env = await startArgoSandboxHost({ fetch: html });
    try {
      const r = await env.host.callTool("argocd_get_application", {
        name: "cart-production",
        instance: "argocd-main",
      });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.error).toBe("unauthorized");
        // The host HttpClient or the plugin (whichever sees it first) reports the HTML page as a proxy login.
        expect(r.error.message).toMatch(/HTML page instead of (JSON|an API response).*proxy/);
      }
    } finally {
      await env.stop();
    }
  });
});
