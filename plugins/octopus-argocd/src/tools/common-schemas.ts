/** zod fields shared by the tools (zod 3 API: zod-to-json-schema only understands zod 3). */
import { z } from "zod";

const slug = z.string().trim().min(1);

/** An optional string where blank means absent (JSON Schema: a plain optional string). */
export const optionalText = () =>
  z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined));

export const instanceField = optionalText().describe("Argo CD instance; default all");

export const applicationFields = {
  name: z.string().min(1).describe("App name (or namespace/name)"),
  instance: instanceField,
};

export const scopeFields = {
  project: slug.describe("Octopus project slug"),
  environment: slug.describe("Octopus environment slug"),
  tenant: slug.optional().describe("Octopus tenant slug; omit for untenanted"),
  instance: instanceField,
};
