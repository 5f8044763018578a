import { describe, expect, it } from "vitest";
import { parseImageReference, parseImageUpdateRequests } from "../../src/images/image-reference.js";
import { updatePlainManifest } from "../../src/images/plain-manifests.js";
import { updateKustomizationImages } from "../../src/images/kustomize-images.js";
import { DEFAULT_HELM_IMAGE_TEMPLATES, updateHelmValues } from "../../src/images/helm-values.js";
import { unifiedDiff } from "../../src/images/unified-diff.js";

const req = (...images: string[]) => parseImageUpdateRequests(images);

describe("image references", () => {
  it("parses registry, tag and digest and canonicalises Docker Hub names", () => {
    expect(parseImageReference("nginx")).toMatchObject({
      name: "nginx",
      canonicalName: "docker.io/library/nginx",
    });
    expect(parseImageReference("docker.io/library/nginx:1.25")?.canonicalName).toBe(
      "docker.io/library/nginx",
    );
    expect(parseImageReference("localhost:5000/acme/checkout:1.4.1")).toMatchObject({
      canonicalName: "localhost:5000/acme/checkout",
      tag: "1.4.1",
    });
    const digest = "sha256:" + "a".repeat(64);
    expect(parseImageReference(`ghcr.io/acme/checkout:1.4@${digest}`)).toMatchObject({ tag: "1.4", digest });
    expect(parseImageReference("not an image")).toBeUndefined();
  });

  it("rejects update requests without a version, and duplicates", () => {
    expect(() => req("ghcr.io/acme/checkout")).toThrow(/no tag or digest/);
    expect(() => req("nginx:1", "docker.io/library/nginx:2")).toThrow(/same image twice/);
  });
});

describe("plain manifests", () => {
  const manifest = `# checkout service
apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
spec:
  template:
    spec:
      initContainers:
      - name: migrate
        image: "ghcr.io/acme/checkout-migrations:1.4.1" # keep me
      containers:
      - name: app
        image: ghcr.io/acme/checkout:1.4.1   # the app
        ports:
        - containerPort: 8080
      - name: proxy
        image: envoyproxy/envoy:v1.30.0
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: checkout-cleanup
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: cleanup
              image: 'ghcr.io/acme/checkout:1.4.1'
`;

  it("updates every container image of the requested repository, keeping comments, quotes and layout", () => {
    const result = updatePlainManifest(manifest, "deploy.yaml", req("ghcr.io/acme/checkout:1.4.2"));
    expect(result.changes.map((c) => [c.location, c.from, c.to, c.line])).toEqual([
      ["Deployment/checkout containers[0]", "ghcr.io/acme/checkout:1.4.1", "ghcr.io/acme/checkout:1.4.2", 14],
      [
        "CronJob/checkout-cleanup containers[0]",
        "ghcr.io/acme/checkout:1.4.1",
        "ghcr.io/acme/checkout:1.4.2",
        31,
      ],
    ]);
    expect(result.text).toBe(
      manifest
        .replace(
          "image: ghcr.io/acme/checkout:1.4.1   # the app",
          "image: ghcr.io/acme/checkout:1.4.2   # the app",
        )
        .replace("image: 'ghcr.io/acme/checkout:1.4.1'", "image: 'ghcr.io/acme/checkout:1.4.2'"),
    );
  });

  it("reports images already at the version as unchanged and leaves other images alone", () => {
    const result = updatePlainManifest(
      manifest,
      "deploy.yaml",
      req("ghcr.io/acme/checkout:1.4.1", "mysql:8"),
    );
    expect(result.changes).toEqual([]);
    expect(result.unchanged).toHaveLength(2);
    expect(result.text).toBe(manifest);
  });

  it("matches Docker Hub names however they are spelled", () => {
    const result = updatePlainManifest(manifest, "deploy.yaml", req("docker.io/envoyproxy/envoy:v1.31.0"));
    expect(result.text).toContain("image: envoyproxy/envoy:v1.31.0\n");
  });

  it("throws a readable error for invalid YAML", () => {
    expect(() => updatePlainManifest("a: [1,\n", "bad.yaml", req("nginx:1"))).toThrow(
      /bad.yaml is not valid YAML/,
    );
  });
});

describe("kustomize images", () => {
  const digest = "sha256:" + "b".repeat(64);
  const kustomization = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base # shared base
images:
  - name: checkout
    newName: ghcr.io/acme/checkout
    newTag: "1.4.1" # bumped by Octopus
  - name: ghcr.io/acme/cart
    digest: ${digest}
  - name: ghcr.io/acme/payments
    newTag: 2.0.0
    digest: ${digest}
`;

  it("sets newTag on the entry whose newName is the image, keeping quotes and comments", () => {
    const result = updateKustomizationImages(
      kustomization,
      "kustomization.yaml",
      req("ghcr.io/acme/checkout:1.4.2"),
    );
    expect(result.text).toBe(kustomization.replace('newTag: "1.4.1" # bumped', 'newTag: "1.4.2" # bumped'));
    expect(result.changes[0]).toMatchObject({
      from: "ghcr.io/acme/checkout:1.4.1",
      to: "ghcr.io/acme/checkout:1.4.2",
    });
  });

  it("adds newTag when absent and removes a stale digest (a digest wins over a tag)", () => {
    const result = updateKustomizationImages(
      kustomization,
      "kustomization.yaml",
      req("ghcr.io/acme/cart:3.1.0", "ghcr.io/acme/payments:2.1"),
    );
    expect(result.text).toContain(
      `  - name: ghcr.io/acme/cart\n    newTag: 3.1.0\n  - name: ghcr.io/acme/payments\n`,
    );
    expect(result.text).toContain(`  - name: ghcr.io/acme/payments\n    newTag: "2.1"\n`);
    expect(result.text).not.toContain(digest);
  });

  it("sets a digest when one is requested", () => {
    const other = "sha256:" + "c".repeat(64);
    const result = updateKustomizationImages(kustomization, "k.yaml", req(`ghcr.io/acme/cart@${other}`));
    expect(result.text).toContain(`    digest: ${other}\n`);
  });
});

describe("helm values", () => {
  const values = `# checkout chart values
global:
  image:
    registry: ghcr.io
    repositoryAndTag: acme/checkout:1.4.1
image:
  repository: ghcr.io/acme/checkout
  tag: "1.4.1"
worker:
  image: ghcr.io/acme/checkout-worker:1.4.1
`;

  it("follows image-replace-paths templates, editing the placeholder that holds the tag", () => {
    const result = updateHelmValues(
      [{ path: "values.yaml", text: values, editable: true }],
      ["{{ .Values.global.image.registry }}/{{ .Values.global.image.repositoryAndTag }}"],
      req("ghcr.io/acme/checkout:1.4.2"),
    );
    const file = result.files.get("values.yaml");
    expect(file?.text).toBe(
      values.replace("repositoryAndTag: acme/checkout:1.4.1", "repositoryAndTag: acme/checkout:1.4.2"),
    );
    expect(file?.changes[0]).toMatchObject({
      from: "ghcr.io/acme/checkout:1.4.1",
      to: "ghcr.io/acme/checkout:1.4.2",
    });
  });

  it("uses the default templates without the annotation", () => {
    const result = updateHelmValues(
      [{ path: "values.yaml", text: values, editable: true }],
      DEFAULT_HELM_IMAGE_TEMPLATES,
      req("ghcr.io/acme/checkout:1.4.2"),
    );
    expect(result.files.get("values.yaml")?.text).toBe(values.replace('tag: "1.4.1"', 'tag: "1.4.2"'));
  });

  it("edits the last layered file that defines the tag; files outside the source are reported", () => {
    const prod = `image:\n  tag: 1.4.0\n`;
    const ok = updateHelmValues(
      [
        { path: "values.yaml", text: values, editable: false },
        { path: "envs/prod.yaml", text: prod, editable: true },
      ],
      ["{{ .Values.image.repository }}:{{ .Values.image.tag }}"],
      req("ghcr.io/acme/checkout:1.4.2"),
    );
    expect(ok.files.get("envs/prod.yaml")?.text).toBe(`image:\n  tag: 1.4.2\n`);
    const blocked = updateHelmValues(
      [
        { path: "envs/prod.yaml", text: prod, editable: true },
        { path: "values.yaml", text: values, editable: false },
      ],
      ["{{ .Values.image.repository }}:{{ .Values.image.tag }}"],
      req("ghcr.io/acme/checkout:1.4.2"),
    );
    expect(blocked.files.size).toBe(0);
    expect(blocked.problems[0]).toMatch(/outside the source being updated/);
  });

  it("rejects template syntax it cannot invert", () => {
    const result = updateHelmValues(
      [{ path: "values.yaml", text: values, editable: true }],
      ['{{ .Values.image.tag | default "x" }}'],
      req("ghcr.io/acme/checkout:1.4.2"),
    );
    expect(result.problems[0]).toMatch(/Unsupported template syntax/);
  });
});

describe("unified diff", () => {
  it("produces a git-style patch", () => {
    const patch = unifiedDiff("apps/checkout/values.yaml", "a: 1\nb: 2\n", "a: 1\nb: 3\n");
    expect(patch.split("\n").slice(0, 6)).toEqual([
      "--- a/apps/checkout/values.yaml",
      "+++ b/apps/checkout/values.yaml",
      "@@ -1,2 +1,2 @@",
      " a: 1",
      "-b: 2",
      "+b: 3",
    ]);
    expect(unifiedDiff("x", "same", "same")).toBe("");
  });
});
