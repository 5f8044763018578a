import { describe, expect, it } from "vitest";
import { ArgoApiError } from "../../src/argocd/api-error.js";
import { applyFieldsParameter, parseLabelSelector } from "../../src/argocd/list-query.js";
import { ManifestRenderError, imagesOf, renderSource } from "../../src/argocd/manifest-render.js";

describe("parseLabelSelector", () => {
  const labels = { team: "storefront", env: "production", tier: "web" };

  it.each([
    ["team=storefront", true],
    ["team==storefront,env=production", true],
    ["team!=storefront", false],
    ["env in (staging, production)", true],
    ["env notin (production)", false],
    ["tier", true],
    ["!tier", false],
    ["missing!=x", true],
    ["", true],
  ])("%s -> %s", (selector, expected) => {
    expect(parseLabelSelector(selector)(labels)).toBe(expected);
  });

  it("rejects malformed requirements with InvalidArgument", () => {
    for (const bad of ["env in (a", "=x", "a=b c", "bad key=x", "a=$$"]) {
      expect(() => parseLabelSelector(bad), bad).toThrow(ArgoApiError);
    }
    try {
      parseLabelSelector("env in (a");
    } catch (error) {
      expect((error as ArgoApiError).code).toBe(3);
      expect((error as ArgoApiError).status).toBe(400);
    }
  });
});

describe("applyFieldsParameter", () => {
  const item = {
    metadata: { name: "a", namespace: "argocd", uid: "u", annotations: { k: "v" } },
    spec: { project: "p", destination: { namespace: "n" } },
    status: { sync: { status: "Synced", revision: "r" }, health: { status: "Healthy" }, history: [1] },
  };

  it("keeps only the listed selectable paths", () => {
    expect(
      applyFieldsParameter([item], "items.metadata.name,items.status.sync.status,items.spec.project"),
    ).toEqual([{ metadata: { name: "a" }, status: { sync: { status: "Synced" } }, spec: { project: "p" } }]);
  });

  it("removes the listed paths with a leading '-' without touching the input", () => {
    const out = applyFieldsParameter([item], "-items.metadata.annotations,items.status.health");
    expect(out[0]).toEqual({
      ...item,
      metadata: { name: "a", namespace: "argocd", uid: "u" },
      status: { sync: item.status.sync, history: [1] },
    });
    expect(item.metadata.annotations).toEqual({ k: "v" });
  });

  it("ignores paths outside the selectable map", () => {
    expect(applyFieldsParameter([item], "items.metadata.uid,items.status.history")).toEqual([{}]);
  });
});

describe("renderSource", () => {
  const ctx = { appName: "app", namespace: "ns", refs: new Map() };

  it("applies Kustomize images, replicas and spec.source.kustomize.images overrides", () => {
    const files = new Map([
      ["base/kustomization.yaml", "resources:\n  - d.yaml\n"],
      [
        "base/d.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/o/web:1.0.0\n",
      ],
      [
        "ov/kustomization.yaml",
        'resources:\n  - ../base\nimages:\n  - name: ghcr.io/o/web\n    newTag: "2.0.0"\nreplicas:\n  - name: web\n    count: 4\n',
      ],
    ]);
    const r = renderSource(files, { repoURL: "x", path: "ov" }, ctx);
    expect(r.sourceType).toBe("Kustomize");
    expect(imagesOf(r.objects[0] as never)).toEqual(["ghcr.io/o/web:2.0.0"]);
    expect((r.objects[0] as unknown as { spec: { replicas: number } }).spec.replicas).toBe(4);
    expect(r.objects[0]?.metadata).toMatchObject({
      namespace: "ns",
      labels: { "app.kubernetes.io/instance": "app" },
    });
    const overridden = renderSource(
      files,
      { repoURL: "x", path: "ov", kustomize: { images: ["ghcr.io/o/web=registry.local/web:3.1.0"] } },
      ctx,
    );
    expect(imagesOf(overridden.objects[0] as never)).toEqual(["registry.local/web:3.1.0"]);
  });

  it("renders a Helm chart with value files, $ref files, parameters and if-blocks", () => {
    const chart = new Map([
      ["c/Chart.yaml", "name: svc\nversion: 1.0.0\n"],
      ["c/values.yaml", 'image:\n  repository: r/svc\n  tag: "1"\nextra:\n  enabled: false\n'],
      [
        "c/templates/d.yaml",
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers:\n    - name: a\n      image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n',
      ],
      [
        "c/templates/extra.yaml",
        "{{- if .Values.extra.enabled }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n{{- end }}\n",
      ],
    ]);
    const values = new Map([["env/prod.yaml", 'image:\n  tag: "7"\nextra:\n  enabled: true\n']]);
    const r = renderSource(
      chart,
      {
        repoURL: "x",
        path: "c",
        helm: {
          releaseName: "rel",
          valueFiles: ["$v/env/prod.yaml"],
          parameters: [{ name: "image.repository", value: "q/svc" }],
        },
      },
      { ...ctx, refs: new Map([["v", values]]) },
    );
    expect(r.sourceType).toBe("Helm");
    expect(r.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(["Pod/rel", "ConfigMap/extra"]);
    expect(imagesOf(r.objects[0] as never)).toEqual(["q/svc:7"]);
  });

  it("reports missing paths, missing value files and unsupported template expressions", () => {
    const chart = new Map([
      ["c/Chart.yaml", "name: svc\n"],
      ["c/templates/d.yaml", 'kind: Pod\nmetadata:\n  name: {{ include "x" . }}\n'],
    ]);
    expect(() => renderSource(chart, { repoURL: "x", path: "nope" }, ctx)).toThrow(/app path does not exist/);
    expect(() =>
      renderSource(chart, { repoURL: "x", path: "c", helm: { valueFiles: ["missing.yaml"] } }, ctx),
    ).toThrow(ManifestRenderError);
    expect(() => renderSource(chart, { repoURL: "x", path: "c" }, ctx)).toThrow(/unsupported expression/);
  });
});
