import { z } from "zod";
import { findScopedApplications } from "../argocd/application-finder.js";
import { imageReplacePaths, readSourceScopes } from "../annotations/source-scope.js";
import type { ArgoCdServices } from "../services.js";
import { sourceLabel, sourceView } from "../shaping/application-shaping.js";
import { helmSourcesUsingRef, sourceKind } from "../updates/source-kind.js";
import { scopeFields } from "./common-schemas.js";
import { typedTool } from "./typed-tool.js";

/** `argocd_preview_deployment`: what a deployment to a scope would update, and what runs now. */
export function previewDeploymentTool(services: ArgoCdServices) {
  return typedTool({
    name: "argocd_preview_deployment",
    title: "Preview deployment",
    description:
      "Which applications and Git sources (repo, path, branch, files, image paths) a deployment to an Octopus " +
      "scope would update, their current images, and warnings.",
    access: "read",
    inputSchema: z.object(scopeFields).strict(),
    handler: async (args, context) => {
      const instances = services.instances(context, args.instance);
      const scope = { project: args.project, environment: args.environment, tenant: args.tenant };
      const result = await findScopedApplications(instances, scope, (i) => services.client(i, context));
      // The list projection has no status.sourceTypes: read each matched application once for it.
      const full = await Promise.all(
        result.matches.map((m) =>
          services
            .client(m.instance, context)
            .getApplication({
              name: m.application.metadata?.name ?? "",
              appNamespace: m.application.metadata?.namespace,
            })
            .catch(() => m.application),
        ),
      );
      const applications = result.matches.map((match, index) => {
        const app = full[index] ?? match.application;
        const all = readSourceScopes(app);
        const warnings: string[] = [];
        if (app.status?.sync?.status === "OutOfSync") warnings.push("already OutOfSync before the update");
        if (app.status?.health?.status && app.status.health.status !== "Healthy") {
          warnings.push(`health is ${app.status.health.status}`);
        }
        const sources = match.sources.map((source) => {
          const kind = sourceKind(app, source);
          const charts =
            kind === "helm-values"
              ? helmSourcesUsingRef(all, source.source.ref ?? "")
              : kind === "helm"
                ? [source]
                : [];
          const files =
            kind === "helm-values"
              ? charts.flatMap((c) =>
                  (c.source.helm?.valueFiles ?? []).filter((f) => f.startsWith(`$${source.source.ref}/`)),
                )
              : kind === "helm"
                ? (source.source.helm?.valueFiles ?? ["values.yaml"])
                : undefined;
          const templates = charts.flatMap((c) => imageReplacePaths(app, c));
          if (source.source.kustomize?.images?.length) {
            warnings.push(
              `source ${sourceLabel(source)} overrides images in the Application spec (kustomize.images); Git changes to those images have no effect`,
            );
          }
          if (kind === "helm-repository" || kind === "plugin")
            warnings.push(`source ${sourceLabel(source)} (${kind}) cannot be updated in Git`);
          const { octopus: _scope, ...view } = sourceView(app, source);
          return {
            ...view,
            kind,
            ...(files ? { files } : {}),
            ...(charts.length
              ? { imagePaths: templates.length ? templates : "default (image.repository:image.tag)" }
              : {}),
          };
        });
        const automated = app.spec?.syncPolicy?.automated;
        if (!automated) warnings.push("auto-sync is off: sync after the commit (argocd_sync_application)");
        return {
          instance: match.instance.name,
          name: app.metadata?.name ?? "?",
          sync: app.status?.sync?.status ?? "Unknown",
          health: app.status?.health?.status ?? "Unknown",
          images: app.status?.summary?.images ?? [],
          sources,
          ...(warnings.length ? { warnings } : {}),
        };
      });
      return {
        count: applications.length,
        applications,
        ...(result.unavailable.length ? { unavailable: result.unavailable } : {}),
        ...(result.outOfScope.length ? { outOfScope: result.outOfScope } : {}),
      };
    },
  });
}
