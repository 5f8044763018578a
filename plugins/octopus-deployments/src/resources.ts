/**
 * Resource templates for the rare time an agent needs a full body:
 * `octopus://spaces/{space}/releases/{id}` and `octopus://spaces/{space}/deployments/{id}`.
 * Bodies are compacted (no Links, no nulls) but otherwise complete.
 */
import { InvalidArgumentsError, type ResourceTemplateDefinition } from "@octopus-mcp/core";
import { compact } from "@octopus-mcp/octopus-api";
import type { DeploymentsDeps } from "./deps.js";
import { getOrNotFound } from "./deployment-lookup.js";

function template(
  deps: DeploymentsDeps,
  kind: "releases" | "deployments",
  idPattern: RegExp,
  description: string,
): ResourceTemplateDefinition {
  const singular = kind.slice(0, -1);
  return {
    uriTemplate: `octopus://spaces/{space}/${kind}/{id}`,
    name: `deployments_read_${singular}`,
    title: `Octopus ${singular} (full body)`,
    description,
    mimeType: "application/json",
    read: async (uri, variables, context) => {
      const id = variables["id"] ?? "";
      if (!idPattern.test(id)) {
        throw new InvalidArgumentsError(
          `"${id}" is not a ${singular} ID (expected ${idPattern.source.replace(/[\^$\\d+]/g, "")}N).`,
        );
      }
      const client = deps.client(context);
      const space = await client.resolveSpace(variables["space"]);
      const body = await getOrNotFound<Record<string, unknown>>(
        client,
        client.spacePath(space.Id, `${kind}/${id}`),
        `${singular} ${id} in space "${space.Name}"`,
      );
      return [{ uri: uri.toString(), mimeType: "application/json", text: JSON.stringify(compact(body)) }];
    },
  };
}

export function resourceTemplates(deps: DeploymentsDeps): ResourceTemplateDefinition[] {
  return [
    template(
      deps,
      "releases",
      /^Releases-\d+$/,
      "Full release body (packages, build information, snapshots). {space}: name or ID.",
    ),
    template(
      deps,
      "deployments",
      /^Deployments-\d+$/,
      "Full deployment body (form values, machines, changes). {space}: name or ID.",
    ),
  ];
}
