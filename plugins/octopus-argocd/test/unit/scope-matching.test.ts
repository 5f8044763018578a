import { describe, expect, it } from "vitest";
import { matchingSources, scopeMatches } from "../../src/annotations/scope-matching.js";
import { imageReplacePaths, readSourceScopes } from "../../src/annotations/source-scope.js";
import type { ArgoApplication, ArgoApplicationSource } from "../../src/argocd/types.js";

function app(annotations: Record<string, string>, sources: ArgoApplicationSource[]): ArgoApplication {
  return sources.length === 1
    ? { metadata: { name: "a", annotations }, spec: { source: sources[0]! } }
    : { metadata: { name: "a", annotations }, spec: { sources } };
}
const repo = "file:///repo.git";
const checkoutProd = { project: "checkout", environment: "production" };

describe("annotation matching (reference argocd.md §8.1)", () => {
  it("single unnamed source reads the unsuffixed keys", () => {
    const a = app({ "argo.octopus.com/project": "checkout", "argo.octopus.com/environment": "production" }, [
      { repoURL: repo, path: "apps/checkout" },
    ]);
    expect(matchingSources(a, checkoutProd).map((s) => s.index)).toEqual([0]);
    expect(readSourceScopes(a)[0]?.keyStyle).toBe("unsuffixed");
  });

  it("single named source reads only suffixed keys and ignores unsuffixed ones", () => {
    const unsuffixed = app(
      { "argo.octopus.com/project": "checkout", "argo.octopus.com/environment": "production" },
      [{ repoURL: repo, path: "p", name: "main" }],
    );
    expect(matchingSources(unsuffixed, checkoutProd)).toEqual([]);
    const suffixed = app(
      { "argo.octopus.com/project.main": "checkout", "argo.octopus.com/environment.main": "production" },
      [{ repoURL: repo, path: "p", name: "main" }],
    );
    expect(matchingSources(suffixed, checkoutProd).map((s) => s.name)).toEqual(["main"]);
  });

  it("multi-source: each named source has its own scope and may map to a different project", () => {
    const a = app(
      {
        "argo.octopus.com/project.web": "checkout",
        "argo.octopus.com/environment.web": "production",
        "argo.octopus.com/project.db": "payments",
        "argo.octopus.com/environment.db": "production",
      },
      [
        { repoURL: repo, path: "web", name: "web" },
        { repoURL: repo, path: "db", name: "db" },
      ],
    );
    expect(matchingSources(a, checkoutProd).map((s) => s.name)).toEqual(["web"]);
    expect(matchingSources(a, { project: "payments", environment: "production" }).map((s) => s.name)).toEqual(
      ["db"],
    );
  });

  it("multi-source: an unnamed source never matches, even with unsuffixed keys present", () => {
    const a = app({ "argo.octopus.com/project": "checkout", "argo.octopus.com/environment": "production" }, [
      { repoURL: repo, path: "web" },
      { repoURL: repo, path: "db" },
    ]);
    expect(matchingSources(a, checkoutProd)).toEqual([]);
    expect(readSourceScopes(a).map((s) => s.keyStyle)).toEqual(["none", "none"]);
  });

  it("slugs are compared case-insensitively", () => {
    expect(scopeMatches({ project: "Checkout", environment: "PRODUCTION" }, checkoutProd)).toBe(true);
    expect(scopeMatches(checkoutProd, { project: "CHECKOUT", environment: "Production" })).toBe(true);
  });

  it("annotation values and requested slugs are trimmed", () => {
    const a = app(
      { "argo.octopus.com/project": "  checkout ", "argo.octopus.com/environment": "\tproduction\n" },
      [{ repoURL: repo, path: "p" }],
    );
    expect(matchingSources(a, { project: " checkout", environment: "production " })).toHaveLength(1);
  });

  it("a whitespace-only value counts as absent", () => {
    const a = app(
      {
        "argo.octopus.com/project": "checkout",
        "argo.octopus.com/environment": "production",
        "argo.octopus.com/tenant": "   ",
      },
      [{ repoURL: repo, path: "p" }],
    );
    expect(readSourceScopes(a)[0]?.scope.tenant).toBeUndefined();
    expect(matchingSources(a, checkoutProd)).toHaveLength(1); // untenanted deployment matches
    const blankProject = app(
      { "argo.octopus.com/project": " ", "argo.octopus.com/environment": "production" },
      [{ repoURL: repo, path: "p" }],
    );
    expect(matchingSources(blankProject, { project: "", environment: "production" })).toEqual([]);
  });

  it("an untenanted deployment matches only sources without a tenant annotation", () => {
    const tenanted = app({ ...prefixed(checkoutProd), "argo.octopus.com/tenant": "acme" }, [
      { repoURL: repo, path: "p" },
    ]);
    expect(matchingSources(tenanted, checkoutProd)).toEqual([]);
    expect(matchingSources(tenanted, { ...checkoutProd, tenant: "   " })).toEqual([]);
  });

  it("a tenanted deployment matches only sources whose tenant slug equals its tenant", () => {
    const untenanted = app(prefixed(checkoutProd), [{ repoURL: repo, path: "p" }]);
    expect(matchingSources(untenanted, { ...checkoutProd, tenant: "acme" })).toEqual([]);
    const acme = app({ ...prefixed(checkoutProd), "argo.octopus.com/tenant": "Acme" }, [
      { repoURL: repo, path: "p" },
    ]);
    expect(matchingSources(acme, { ...checkoutProd, tenant: "acme" })).toHaveLength(1);
    expect(matchingSources(acme, { ...checkoutProd, tenant: "globex" })).toEqual([]);
  });

  it("project and environment must both match", () => {
    expect(scopeMatches(checkoutProd, { project: "checkout", environment: "staging" })).toBe(false);
    expect(scopeMatches(checkoutProd, { project: "cart", environment: "production" })).toBe(false);
    expect(scopeMatches({ project: "checkout" }, checkoutProd)).toBe(false);
  });

  it("the source-name suffix is case-sensitive and the source name is trimmed", () => {
    const wrongCase = app(
      { "argo.octopus.com/project.Web": "checkout", "argo.octopus.com/environment.Web": "production" },
      [{ repoURL: repo, path: "web", name: "web" }],
    );
    expect(matchingSources(wrongCase, checkoutProd)).toEqual([]);
    const padded = app(
      { "argo.octopus.com/project.web": "checkout", "argo.octopus.com/environment.web": "production" },
      [{ repoURL: repo, path: "web", name: " web " }],
    );
    expect(matchingSources(padded, checkoutProd).map((s) => s.name)).toEqual(["web"]);
  });

  it("spec.sources with one unnamed entry behaves like a single source", () => {
    const a: ArgoApplication = {
      metadata: { annotations: prefixed(checkoutProd) },
      spec: { sources: [{ repoURL: repo, path: "p" }] },
    };
    expect(matchingSources(a, checkoutProd)).toHaveLength(1);
  });

  it("image-replace-paths is read for the helm source's own name, split on commas and trimmed", () => {
    const a = app(
      {
        "argo.octopus.com/image-replace-paths.chart":
          " {{ .Values.image.repository }}:{{ .Values.image.tag }} , ,{{ .Values.sidecar.image }}",
      },
      [
        { repoURL: repo, chart: "c", name: "chart", helm: { valueFiles: ["$values/prod.yaml"] } },
        { repoURL: repo, ref: "values", name: "values" },
      ],
    );
    const [chart, values] = readSourceScopes(a);
    expect(imageReplacePaths(a, chart!)).toEqual([
      "{{ .Values.image.repository }}:{{ .Values.image.tag }}",
      "{{ .Values.sidecar.image }}",
    ]);
    expect(imageReplacePaths(a, values!)).toEqual([]);
  });
});

function prefixed(scope: { project: string; environment: string }): Record<string, string> {
  return { "argo.octopus.com/project": scope.project, "argo.octopus.com/environment": scope.environment };
}
