import { checkToolDefinitions, createFaultInjector, startTestHost } from "@octopus-mcp/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDeployNotifierPlugin, postDeploymentSummaryTool } from "../src/index.js";
import { startFakeWebhook, WEBHOOK_PATH, type FakeWebhook } from "./fake-webhook.js";

// Test-only token, shaped like a Slack bot token so the host's redaction treats it as a secret.
const TOKEN = "xoxb-000000000000-0000000000000-testtokenTESTtoken0000";
const FACTS = {
  project: "Checkout",
  release: "1.4.2",
  environment: "Production",
  outcome: "failed",
} as const;

let hookA: FakeWebhook;
let hookB: FakeWebhook;
beforeAll(async () => {
  hookA = await startFakeWebhook();
  hookB = await startFakeWebhook();
});
afterAll(async () => {
  await hookA.stop();
  await hookB.stop();
});
beforeEach(() => {
  hookA.received.length = 0;
  hookB.received.length = 0;
});

function hostFor(options: { fetch?: typeof fetch; urlA?: string } = {}) {
  return startTestHost({
    plugins: [
      {
        plugin: createDeployNotifierPlugin,
        config: {
          webhookUrlCredentialId: "chat-url",
          tokenCredentialId: "chat-token",
          defaultChannel: "#deploys",
        },
      },
    ],
    tenants: {
      acme: {},
      globex: { plugins: { deploy_notifier: { channel: "#globex-releases" } } },
      nocreds: {},
    },
    credentials: {
      acme: { "chat-url": options.urlA ?? hookA.url, "chat-token": TOKEN },
      globex: {
        "chat-url": hookB.url,
        "chat-token": "xoxb-111111111111-1111111111111-globexTOKENglobex1111",
      },
    },
    tenant: "acme",
    config: { http: { maxRetries: 0 } },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

describe("deploy_notifier_post_deployment_summary", () => {
  it("passes the host's schema rules and says what it will do before a write", () => {
    expect(checkToolDefinitions("deploy_notifier", [postDeploymentSummaryTool])).toEqual([]);
    expect(postDeploymentSummaryTool.confirmationMessage?.(FACTS)).toBe(
      'Post "Deployment of Checkout 1.4.2 to Production failed" to the team chat',
    );
  });

  it("posts the summary to the webhook resolved from the credential ID, with the bearer token", async () => {
    const host = await hostFor();
    const r = await host.callTool("deploy_notifier_post_deployment_summary", {
      ...FACTS,
      summary: "Step 'Run migrations' failed: timeout after 300 s.",
      confirm: true,
    });
    expect(r).toMatchObject({ ok: true, data: { posted: true, channel: "#deploys" } });
    expect(hookA.received).toHaveLength(1);
    const [message] = hookA.received;
    expect(message?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(message?.body).toEqual({
      channel: "#deploys",
      text: ":x: *Deployment of Checkout 1.4.2 to Production failed*\nStep 'Run migrations' failed: timeout after 300 s.",
    });
    expect(host.logText()).not.toContain(TOKEN);
    expect(host.logText()).not.toContain(WEBHOOK_PATH);
  });

  it("keeps caller tenants apart: their own webhook, token and channel", async () => {
    const host = await hostFor();
    const [a, g] = await Promise.all([
      host.callTool("deploy_notifier_post_deployment_summary", { ...FACTS, confirm: true }),
      host
        .asTenant("globex")
        .callTool("deploy_notifier_post_deployment_summary", { ...FACTS, confirm: true }),
    ]);
    expect(a.ok && g.ok).toBe(true);
    expect(hookA.received.map((m) => m.body.channel)).toEqual(["#deploys"]);
    expect(hookB.received.map((m) => m.body.channel)).toEqual(["#globex-releases"]);
    expect(hookB.received[0]?.headers.authorization).not.toContain(TOKEN);
  });

  it("answers unauthorized, naming the credential ID, when the tenant has no webhook credential", async () => {
    const host = await hostFor();
    const r = await host
      .asTenant("nocreds")
      .callTool("deploy_notifier_post_deployment_summary", { ...FACTS, confirm: true });
    expect(r).toMatchObject({ ok: false, error: { error: "unauthorized" } });
    if (!r.ok) expect(r.error.message).toContain('"chat-url"');
  });

  it("maps webhook failures to structured errors that never contain the webhook URL", async () => {
    const host = await hostFor();
    hookA.respondWith(
      { status: 401, body: "invalid_token" },
      { status: 404, body: "no_service" },
      { status: 429, headers: { "Retry-After": "30" }, body: "rate_limited" },
      { status: 500, body: "internal" },
    );
    const codes = [];
    for (let i = 0; i < 4; i++) {
      const r = await host.callTool("deploy_notifier_post_deployment_summary", { ...FACTS, confirm: true });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        codes.push([r.error.error, r.error.retry_after]);
        expect(JSON.stringify(r.result)).not.toContain(WEBHOOK_PATH);
      }
    }
    expect(codes).toEqual([
      ["unauthorized", undefined],
      ["not_found", undefined],
      ["rate_limit", 30],
      ["upstream_unavailable", undefined],
    ]);
    // Each failure was one POST: a non-idempotent request is never retried.
    expect(hookA.received).toHaveLength(4);
  });

  it("degrades to upstream_unavailable without the URL when the webhook is unreachable", async () => {
    const faults = createFaultInjector([{ match: WEBHOOK_PATH, reset: true }]);
    const host = await hostFor({ fetch: faults.fetch });
    const r = await host.callTool("deploy_notifier_post_deployment_summary", { ...FACTS, confirm: true });
    expect(r).toMatchObject({ ok: false, error: { error: "upstream_unavailable" } });
    expect(JSON.stringify(r.result)).not.toContain(WEBHOOK_PATH);
    expect(host.logText()).not.toContain(WEBHOOK_PATH);
    expect(hookA.received).toHaveLength(0);
  });

  it("refuses a credential that is not a URL without echoing it", async () => {
    const host = await hostFor({ urlA: "not-a-url-secret-value-123" });
    const r = await host.callTool("deploy_notifier_post_deployment_summary", { ...FACTS, confirm: true });
    expect(r).toMatchObject({ ok: false, error: { error: "unauthorized" } });
    expect(JSON.stringify(r.result)).not.toContain("not-a-url-secret-value-123");
  });

  it("rejects invalid arguments before anything is posted", async () => {
    const host = await hostFor();
    const r = await host.callTool("deploy_notifier_post_deployment_summary", {
      ...FACTS,
      outcome: "meh",
      confirm: true,
    });
    expect(r).toMatchObject({ ok: false, error: { error: "invalid_arguments" } });
    expect(hookA.received).toHaveLength(0);
  });
});
