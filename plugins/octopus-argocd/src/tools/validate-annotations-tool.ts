import { isOctopusMcpError } from "@octopus-mcp/core";
import { z } from "zod";
import {
  validateApplicationAnnotations,
  type AnnotationFinding,
} from "../annotations/annotation-validation.js";
import { ANNOTATION_PREFIX } from "../annotations/keys.js";
import { validateSlugs } from "../annotations/slug-validation.js";
import { describeFailure } from "../argocd/application-finder.js";
import { loadSlugCatalog } from "../octopus/slug-catalog.js";
import type { ArgoCdServices } from "../services.js";
import { instanceField, optionalText } from "./common-schemas.js";
import { typedTool } from "./typed-tool.js";

/** Applications with findings listed at most (the total is always reported). */
const MAX_LISTED = 50;

const FIELDS = [
  "items.metadata.name",
  "items.metadata.namespace",
  "items.metadata.annotations",
  "items.spec.source",
  "items.spec.sources",
];

/** `argocd_validate_annotations`: mis-annotated applications, each finding with its fix. */
export function validateAnnotationsTool(services: ArgoCdServices) {
  return typedTool({
    name: "argocd_validate_annotations",
    title: "Validate annotations",
    description:
      "Mis-annotated applications (unsuffixed keys on multi-source apps, duplicate source names, unknown Octopus " +
      "slugs, ...), each finding with its fix.",
    access: "read",
    inputSchema: z
      .object({
        instance: instanceField,
        application: optionalText().describe("Only this application"),
        checkSlugs: z.boolean().default(true).describe("Check slugs against Octopus"),
        space: optionalText().describe("Octopus space; default all"),
      })
      .strict(),
    handler: async (args, context) => {
      const instances = services.instances(context, args.instance);
      const listed = await Promise.allSettled(
        instances.map((i) =>
          services
            .client(i, context)
            .listApplications({ fields: FIELDS, ...(args.application ? { name: args.application } : {}) }),
        ),
      );
      let slugCheck = "skipped (checkSlugs false)";
      let catalog: Awaited<ReturnType<typeof loadSlugCatalog>> | undefined;
      if (args.checkSlugs) {
        try {
          catalog = await loadSlugCatalog(context, services.http, services.credentials, args.space);
          slugCheck = `checked against Octopus space(s) ${catalog.spaces.join(", ")}`;
        } catch (error) {
          slugCheck = `skipped: ${isOctopusMcpError(error) ? error.message : "Octopus could not be reached"}`;
        }
      }
      let checked = 0;
      let unannotated = 0;
      const applications: { instance: string; name: string; findings: AnnotationFinding[] }[] = [];
      listed.forEach((result, index) => {
        if (result.status !== "fulfilled") return;
        for (const app of result.value) {
          const keys = Object.keys(app.metadata?.annotations ?? {}).filter((k) =>
            k.startsWith(ANNOTATION_PREFIX),
          );
          if (keys.length === 0) {
            unannotated++;
            continue;
          }
          checked++;
          const findings = [
            ...validateApplicationAnnotations(app),
            ...(catalog ? validateSlugs(app, catalog) : []),
          ];
          if (findings.length)
            applications.push({
              instance: instances[index]!.name,
              name: app.metadata?.name ?? "?",
              findings,
            });
        }
      });
      const unavailable = listed.flatMap((r, i) =>
        r.status === "rejected" ? [describeFailure(instances[i]!.name, r.reason)] : [],
      );
      return {
        checked,
        unannotated,
        withFindings: applications.length,
        applications: applications.slice(0, MAX_LISTED),
        ...(applications.length > MAX_LISTED ? { truncated: true } : {}),
        slugCheck,
        ...(unavailable.length ? { unavailable } : {}),
      };
    },
  });
}
