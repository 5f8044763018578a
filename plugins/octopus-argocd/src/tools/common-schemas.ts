/** zod fields shared by the tools (zod 3 API: zod-to-json-schema only understands zod 3). */
import { z } from "zod";

const slug = z.string().trim().min(1).max(200);

export const instanceField = z
  .string()
  .min(1)
  .max(100)
  .optional()
  .describe("Argo CD instance name (argocd_list_instances); default all");

export const applicationFields = {
  name: z.string().min(1).max(253).describe("Argo CD application name"),
  instance: instanceField,
  appNamespace: z.string().min(1).max(253).optional().describe("Application namespace, if not the default"),
};

export const scopeFields = {
  project: slug.describe("Octopus project slug"),
  environment: slug.describe("Octopus environment slug"),
  tenant: slug.optional().describe("Octopus tenant slug; omit for untenanted"),
  instance: instanceField,
};
