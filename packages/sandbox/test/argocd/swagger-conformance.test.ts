// Every Argo CD response the sandbox serves validates against the real Argo CD API document
// (fixtures/argocd-swagger.json = argoproj/argo-cd assets/swagger.json, see argocd.md §0).
import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ArgoHarness, eventually, startArgoHarness } from "./argocd-harness.js";

type Json = Record<string, unknown>;
interface Swagger {
  paths: Record<
    string,
    Record<string, { operationId: string; responses: Record<string, { schema?: Json }> }>
  >;
  definitions: Record<string, Json>;
}

const swagger = JSON.parse(
  readFileSync(new URL("./fixtures/argocd-swagger.json", import.meta.url), "utf8"),
) as Swagger;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** Swagger 2.0 schemas are JSON Schema draft-04-like; refs `#/definitions/X` become `argocd#/definitions/X`. */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== "object") return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema as Json)) {
    out[k] =
      k === "$ref" && typeof v === "string"
        ? v.replace(/^#\/definitions\//, "argocd#/definitions/")
        : toJsonSchema(v);
  }
  return out;
}

const ajv = addFormats(new Ajv({ allErrors: true, strict: true, strictTypes: false }));
ajv.addSchema({ $id: "argocd", definitions: toJsonSchema(swagger.definitions) });
const validators = new Map<string, ValidateFunction>();

function operation(method: string, path: string) {
  const op = swagger.paths[path]?.[method];
  if (!op) throw new Error(`swagger has no ${method.toUpperCase()} ${path}`);
  return op;
}

function validatorFor(method: string, path: string, status: "200" | "default"): ValidateFunction {
  const key = `${method} ${path} ${status}`;
  let v = validators.get(key);
  if (!v) {
    const schema = operation(method, path).responses[status]?.schema;
    if (!schema) throw new Error(`no ${status} schema for ${key}`);
    v = ajv.compile(toJsonSchema(schema) as Json);
    validators.set(key, v);
  }
  return v;
}

/** Properties present in `data` that the schema does not declare (swagger allows them; we report them). */
function undeclared(schema: unknown, data: unknown, at: string, out: string[]): string[] {
  let s = schema as Json | undefined;
  while (s && typeof s["$ref"] === "string")
    s = swagger.definitions[(s["$ref"] as string).split("/").pop() ?? ""];
  if (!s || data === null || typeof data !== "object") return out;
  if (Array.isArray(data)) {
    data.forEach((d, i) => undeclared(s?.["items"], d, `${at}[${i}]`, out));
    return out;
  }
  const props = s["properties"] as Json | undefined;
  for (const [k, v] of Object.entries(data as Json)) {
    if (props && k in props) undeclared(props[k], v, `${at}.${k}`, out);
    else if (s["additionalProperties"]) undeclared(s["additionalProperties"], v, `${at}.${k}`, out);
    else out.push(`${at}.${k}`);
  }
  return out;
}

// ResourceNode embeds ResourceRef inline in Go, so the swagger omits these fields (argocd.md §4.2).
const INLINE_RESOURCE_REF = /\.nodes\[\d+\]\.(group|version|kind|namespace|name|uid)$/;

function expectConforms(method: string, path: string, status: number, body: unknown): void {
  const v = validatorFor(method, path, status === 200 ? "200" : "default");
  const ok = v(body);
  expect(ok ? [] : v.errors, `${method.toUpperCase()} ${path} (${status})`).toEqual([]);
  const schema = operation(method, path).responses[status === 200 ? "200" : "default"]?.schema;
  expect(undeclared(schema, body, "$", []).filter((p) => !INLINE_RESOURCE_REF.test(p))).toEqual([]);
}

// Sync steps of a minute: an operation stays Running for the whole test unless terminated.
let h: ArgoHarness;
beforeAll(async () => {
  h = await startArgoHarness({ syncStepMs: 60_000 });
});
afterAll(async () => {
  await h.stop();
});

describe("Argo CD responses validate against argocd-swagger.json", () => {
  const cases: { method: string; path: string; url: string }[] = [
    { method: "get", path: "/api/version", url: "/api/version" },
    { method: "get", path: "/api/v1/settings", url: "/api/v1/settings" },
    { method: "get", path: "/api/v1/session/userinfo", url: "/api/v1/session/userinfo" },
    {
      method: "get",
      path: "/api/v1/account/can-i/{resource}/{action}/{subresource}",
      url: "/api/v1/account/can-i/applications/sync/storefront/cart-dev",
    },
    { method: "get", path: "/api/v1/clusters", url: "/api/v1/clusters" },
    { method: "get", path: "/api/v1/projects", url: "/api/v1/projects" },
    { method: "get", path: "/api/v1/projects/{name}", url: "/api/v1/projects/payments" },
    { method: "get", path: "/api/v1/applications", url: "/api/v1/applications" },
    {
      method: "get",
      path: "/api/v1/applications",
      url: "/api/v1/applications?fields=items.metadata.name,items.metadata.annotations,items.status.sync.status",
    },
    {
      method: "get",
      path: "/api/v1/applications/{name}",
      url: "/api/v1/applications/payments-dev?refresh=hard",
    },
    { method: "get", path: "/api/v1/applications/{name}", url: "/api/v1/applications/checkout-staging" },
    {
      method: "get",
      path: "/api/v1/applications/{applicationName}/resource-tree",
      url: "/api/v1/applications/checkout-staging/resource-tree",
    },
    {
      method: "get",
      path: "/api/v1/applications/{applicationName}/managed-resources",
      url: "/api/v1/applications/web-frontend-dev/managed-resources",
    },
    {
      method: "get",
      path: "/api/v1/applications/{name}/resource",
      url: "/api/v1/applications/cart-dev/resource?kind=Deployment&resourceName=cart&group=apps&version=v1",
    },
    {
      method: "get",
      path: "/api/v1/applications/{name}/events",
      url: "/api/v1/applications/checkout-staging/events",
    },
    {
      method: "get",
      path: "/api/v1/applications/{name}/manifests",
      url: "/api/v1/applications/payments-prod".replace("prod", "production") + "/manifests",
    },
    {
      method: "get",
      path: "/api/v1/applications/{name}/revisions/{revision}/metadata",
      url: "/api/v1/applications/cart-dev/revisions/main/metadata",
    },
  ];
  for (const c of cases) {
    it(`${c.method.toUpperCase()} ${c.url}`, async () => {
      const r = await h.call(h.main, c.url);
      expect(r.status).toBe(200);
      expectConforms(c.method, c.path, r.status, r.body);
    });
  }

  it("GET …/events for a pod", async () => {
    const tree = (await h.call(h.main, "/api/v1/applications/checkout-staging/resource-tree")).body as {
      nodes: { kind: string; name: string; uid: string; namespace: string }[];
    };
    const pod = tree.nodes.find((n) => n.kind === "Pod");
    expect(pod).toBeDefined();
    const r = await h.call(
      h.main,
      `/api/v1/applications/checkout-staging/events?resourceUID=${pod?.uid ?? ""}&resourceName=${pod?.name ?? ""}&resourceNamespace=${pod?.namespace ?? ""}`,
    );
    expect(r.status).toBe(200);
    expect((r.body as { items: unknown[] }).items.length).toBeGreaterThan(3);
    expectConforms("get", "/api/v1/applications/{name}/events", 200, r.body);
  });

  it("log stream lines (both log routes)", async () => {
    const tree = (await h.call(h.main, "/api/v1/applications/cart-dev/resource-tree")).body as {
      nodes: { kind: string; name: string }[];
    };
    const pod = tree.nodes.find((n) => n.kind === "Pod")?.name ?? "";
    for (const [path, url] of [
      ["/api/v1/applications/{name}/logs", `/api/v1/applications/cart-dev/logs?podName=${pod}&tailLines=5`],
      [
        "/api/v1/applications/{name}/pods/{podName}/logs",
        `/api/v1/applications/cart-dev/pods/${pod}/logs?tailLines=5`,
      ],
    ] as const) {
      const r = await h.call(h.main, url);
      expect(r.status).toBe(200);
      const lines = r.text.trim().split("\n");
      expect(lines.length).toBe(6);
      for (const line of lines) expectConforms("get", path, 200, JSON.parse(line));
    }
  });

  it("watch stream events", async () => {
    const controller = new AbortController();
    const res = await fetch(`${h.main.baseUrl}/api/v1/stream/applications?projects=payments`, {
      headers: { authorization: `Bearer ${h.main.token}` },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    // payments has five applications: one ADDED line each.
    while (text.split("\n").length <= 5) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    controller.abort();
    await reader.cancel().catch(() => undefined);
    const lines = text.split("\n").filter((l) => l !== "");
    expect(lines).toHaveLength(5);
    for (const line of lines) expectConforms("get", "/api/v1/stream/applications", 200, JSON.parse(line));
  });

  it("POST …/rollback", async () => {
    const r = await h.call(h.main, "/api/v1/applications/cart-production/rollback", {
      method: "POST",
      body: { id: "0", dryRun: true },
    });
    expect(r.status).toBe(200);
    expectConforms("post", "/api/v1/applications/{name}/rollback", 200, r.body);
  });

  it("POST …/sync and DELETE …/operation", async () => {
    const sync = await h.call(h.main, "/api/v1/applications/cart-test/sync", {
      method: "POST",
      body: { prune: true, syncOptions: { items: ["ServerSideApply=true"] } },
    });
    expect(sync.status).toBe(200);
    expectConforms("post", "/api/v1/applications/{name}/sync", 200, sync.body);
    const term = await h.call(h.main, "/api/v1/applications/cart-test/operation", { method: "DELETE" });
    expect(term.status).toBe(200);
    expectConforms("delete", "/api/v1/applications/{name}/operation", 200, term.body);
    await eventually(async () => {
      const app = (await h.call(h.main, "/api/v1/applications/cart-test")).body as {
        status: { operationState: { phase: string } };
      };
      return app.status.operationState.phase === "Failed" ? true : undefined;
    });
  });

  it("error bodies (401, 403, 404, 400) are runtimeError", async () => {
    const unauth = await h.call(h.main, "/api/v1/applications", { token: null });
    expect(unauth.status).toBe(401);
    expectConforms("get", "/api/v1/applications", 401, unauth.body);
    const denied = await h.call(h.main, "/api/v1/applications/nope");
    expect(denied.status).toBe(403);
    expectConforms("get", "/api/v1/applications/{name}", 403, denied.body);
    const missing = await h.call(h.main, "/api/v1/applications/nope?project=storefront");
    expect(missing.status).toBe(404);
    expectConforms("get", "/api/v1/applications/{name}", 404, missing.body);
    const bad = await h.call(h.main, "/api/v1/applications?selector=a%20in%20(", {});
    expect(bad.status).toBe(400);
    expectConforms("get", "/api/v1/applications", 400, bad.body);
  });
});
