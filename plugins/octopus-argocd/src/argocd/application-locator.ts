/**
 * Finds which instance holds an application when the agent names only the application.
 */
import {
  InvalidArgumentsError,
  NotFoundError,
  type ArgoCdInstanceSettings,
  type ToolCallContext,
} from "@octopus-mcp/core";
import type { ArgoCdServices } from "../services.js";

export interface LocatedApplication {
  readonly instance: ArgoCdInstanceSettings;
  /** The application name without a namespace prefix. */
  readonly name: string;
  readonly appNamespace: string | undefined;
}

/** Splits `namespace/name` (the Argo CD CLI's form for apps in any namespace) from a plain name. */
export function parseApplicationName(input: string): {
  readonly name: string;
  readonly appNamespace: string | undefined;
} {
  const trimmed = input.trim();
  const slash = trimmed.indexOf("/");
  if (slash <= 0 || slash === trimmed.length - 1) return { name: trimmed, appNamespace: undefined };
  return { name: trimmed.slice(slash + 1), appNamespace: trimmed.slice(0, slash) };
}

/**
 * `nameInput` is `name` or `namespace/name`. With `instance`, returns it as is. Otherwise asks every instance for `?name=<name>` (two fields
 * only) and returns the single one that has it.
 * @throws NotFoundError (no instance has it, or none lets the token see it);
 *   InvalidArgumentsError (several instances have it: pass `instance`).
 */
export async function locateApplication(
  services: ArgoCdServices,
  context: ToolCallContext,
  nameInput: string,
  instanceName?: string,
): Promise<LocatedApplication> {
  const { name, appNamespace } = parseApplicationName(nameInput);
  const instances = services.instances(context, instanceName);
  if (instances.length === 1) return { instance: instances[0]!, name, appNamespace };
  const results = await Promise.allSettled(
    instances.map(async (instance) => {
      const apps = await services
        .client(instance, context)
        .listApplications({ name, fields: ["items.metadata.name", "items.metadata.namespace"] });
      const hit = apps.find(
        (a) => a.metadata?.name === name && (!appNamespace || a.metadata?.namespace === appNamespace),
      );
      return hit ? { instance, name, appNamespace: appNamespace ?? hit.metadata?.namespace } : undefined;
    }),
  );
  const found = results.flatMap((r) => (r.status === "fulfilled" && r.value ? [r.value] : []));
  if (found.length === 1) return found[0]!;
  if (found.length > 1) {
    throw new InvalidArgumentsError(`Application "${name}" exists on several Argo CD instances.`, [
      {
        path: "/instance",
        rule: "required",
        message: `Pass instance: one of ${found.map((f) => f.instance.name).join(", ")}.`,
      },
    ]);
  }
  const failed = results.filter((r) => r.status === "rejected").length;
  throw new NotFoundError(
    `Application "${name}" was not found on ${instances.map((i) => i.name).join(", ")}` +
      (failed ? ` (${failed} instance(s) could not be searched)` : "") +
      `, or the token may not see it. argocd_find_applications lists applications by Octopus scope.`,
  );
}
