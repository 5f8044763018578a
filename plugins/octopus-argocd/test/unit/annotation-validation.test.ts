import { describe, expect, it } from "vitest";
import { validateApplicationAnnotations } from "../../src/annotations/annotation-validation.js";
import { closestSlug, validateSlugs } from "../../src/annotations/slug-validation.js";
import type { ArgoApplication } from "../../src/argocd/types.js";

const repo = "file:///repo.git";
const rules = (app: ArgoApplication) =>
  validateApplicationAnnotations(app).map((f) => `${f.severity}:${f.rule}`);

describe("annotation validation", () => {
  it("a correctly annotated single-source app has no findings", () => {
    const app: ArgoApplication = {
      metadata: {
        annotations: { "argo.octopus.com/project": "checkout", "argo.octopus.com/environment": "production" },
      },
      spec: { source: { repoURL: repo, path: "p" } },
      status: { sourceTypes: ["Directory"] },
    };
    expect(validateApplicationAnnotations(app)).toEqual([]);
  });

  it("warns about unsuffixed keys on a multi-source app, with the per-source keys as fix", () => {
    const app: ArgoApplication = {
      metadata: {
        annotations: { "argo.octopus.com/project": "checkout", "argo.octopus.com/environment": "production" },
      },
      spec: {
        sources: [
          { repoURL: repo, path: "a", name: "web" },
          { repoURL: repo, path: "b", name: "db" },
        ],
      },
    };
    const findings = validateApplicationAnnotations(app);
    const finding = findings.find((f) => f.rule === "unsuffixed-keys-on-multi-source");
    expect(finding?.severity).toBe("warning");
    expect(finding?.fix).toContain("argo.octopus.com/project.web");
  });

  it("reports duplicate source names as an error", () => {
    const app: ArgoApplication = {
      metadata: { annotations: {} },
      spec: {
        sources: [
          { repoURL: repo, path: "a", name: "web" },
          { repoURL: repo, path: "b", name: "web" },
        ],
      },
    };
    expect(rules(app)).toContain("error:duplicate-source-name");
  });

  it("reports a source count that differs from status.sourceTypes as an error", () => {
    const app: ArgoApplication = {
      metadata: { annotations: {} },
      spec: {
        sources: [
          { repoURL: repo, path: "a", name: "x" },
          { repoURL: repo, path: "b", name: "y" },
        ],
      },
      status: { sourceTypes: ["Kustomize"] },
    };
    expect(rules(app)).toContain("error:source-types-mismatch");
  });

  it("warns about unsuffixed keys on a named single source", () => {
    const app: ArgoApplication = {
      metadata: {
        annotations: { "argo.octopus.com/project": "checkout", "argo.octopus.com/environment": "production" },
      },
      spec: { source: { repoURL: repo, path: "p", name: "main" } },
    };
    const finding = validateApplicationAnnotations(app).find(
      (f) => f.rule === "unsuffixed-keys-on-named-source",
    );
    expect(finding?.fix).toContain("rename argo.octopus.com/project to argo.octopus.com/project.main");
  });

  it("warns about unnamed sources in a multi-source app and suffixes naming no source", () => {
    const app: ArgoApplication = {
      metadata: {
        annotations: {
          "argo.octopus.com/project.wbe": "checkout",
          "argo.octopus.com/environment.web": "production",
        },
      },
      spec: {
        sources: [
          { repoURL: repo, path: "a", name: "web" },
          { repoURL: repo, path: "b" },
        ],
      },
    };
    const r = rules(app);
    expect(r).toContain("warning:unnamed-source-in-multi-source");
    expect(r).toContain("warning:unknown-source-suffix");
    expect(r).toContain("error:incomplete-scope"); // web has environment but no project
  });

  it("flags blank values", () => {
    const app: ArgoApplication = {
      metadata: {
        annotations: {
          "argo.octopus.com/project": "checkout",
          "argo.octopus.com/environment": "production",
          "argo.octopus.com/tenant": "  ",
        },
      },
      spec: { source: { repoURL: repo, path: "p" } },
    };
    expect(rules(app)).toEqual(["warning:blank-value"]);
  });

  it("reports unknown slugs against the Octopus catalogue with a did-you-mean fix", () => {
    const app: ArgoApplication = {
      metadata: {
        annotations: {
          "argo.octopus.com/project": "chekout",
          "argo.octopus.com/environment": "Production",
          "argo.octopus.com/tenant": "nobody-at-all",
        },
      },
      spec: { source: { repoURL: repo, path: "p" } },
    };
    const findings = validateSlugs(app, {
      projects: ["checkout", "cart"],
      environments: ["production", "staging"],
      tenants: ["acme"],
    });
    expect(findings.map((f) => f.rule)).toEqual(["unknown-project", "unknown-tenant"]);
    expect(findings[0]?.fix).toContain('Did you mean "checkout"?');
    expect(findings[1]?.fix).not.toContain("Did you mean");
  });

  it("closestSlug ignores far-away slugs", () => {
    expect(closestSlug("prod", ["production", "staging"])).toBeUndefined();
    expect(closestSlug("stagin", ["production", "staging"])).toBe("staging");
  });
});
