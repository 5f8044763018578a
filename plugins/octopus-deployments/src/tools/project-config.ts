/** Read tools over a project's configuration: deployment process and variables. */
import { z } from "zod";
import {
  compact,
  decodeCursor,
  loadChannels,
  loadEnvironments,
  pageInfo,
  queryFingerprint,
  resolveProject,
  type ResourceIndex,
  type NamedResource,
} from "@octopus-mcp/octopus-api";
import { tool, type AnyTool } from "../define.js";
import type { DeploymentsDeps } from "../deps.js";
import { scopeLabel, visibleValue, type VariableSetResource } from "../variables.js";
import { cursorField, limitField, projectField, spaceField } from "./common.js";

/** `GET /{spaceId}/deploymentprocesses/{id}` (reference §10.16). */
export interface DeploymentProcessResource {
  readonly Id: string;
  readonly Version?: number;
  readonly Steps?: readonly ProcessStep[];
}

interface ProcessStep {
  readonly Name: string;
  readonly Condition?: string;
  readonly StartTrigger?: string;
  readonly PackageRequirement?: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly Actions?: readonly ProcessAction[];
}

interface ProcessAction {
  readonly Name: string;
  readonly ActionType?: string;
  readonly IsDisabled?: boolean;
  readonly IsRequired?: boolean;
  readonly Environments?: readonly string[];
  readonly ExcludedEnvironments?: readonly string[];
  readonly Channels?: readonly string[];
  readonly TenantTags?: readonly string[];
  readonly Packages?: readonly { readonly PackageId?: string; readonly Name?: string }[];
  readonly Properties?: Readonly<Record<string, unknown>>;
}

/** Steps with roles, conditions and scoping; a step with one same-named action is flattened. */
export function summarizeProcess(
  process: DeploymentProcessResource,
  environments: ResourceIndex<NamedResource>,
  channels: ResourceIndex<NamedResource>,
): Record<string, unknown>[] {
  const names = (ids: readonly string[] | undefined, index: ResourceIndex<NamedResource>) =>
    ids?.length ? ids.map((id) => index.nameOf(id) ?? id) : undefined;
  return (process.Steps ?? []).map((step, i) => {
    const roles = step.Properties?.["Octopus.Action.TargetRoles"];
    const conditionExpression = step.Properties?.["Octopus.Step.ConditionVariableExpression"];
    const actions = (step.Actions ?? []).map((a) =>
      compact({
        name: a.Name,
        type: a.ActionType,
        disabled: a.IsDisabled || undefined,
        required: a.IsRequired || undefined,
        environments: names(a.Environments, environments),
        excludedEnvironments: names(a.ExcludedEnvironments, environments),
        channels: names(a.Channels, channels),
        tenantTags: a.TenantTags,
        packages: a.Packages?.map((p) => p.PackageId ?? p.Name ?? "?"),
      }),
    );
    const only = actions.length === 1 && actions[0]?.name === step.Name ? actions[0] : undefined;
    return compact({
      n: i + 1,
      ...(only ? { ...only, name: step.Name } : { name: step.Name, actions }),
      targetRoles:
        typeof roles === "string" && roles !== "" ? roles.split(",").map((r) => r.trim()) : undefined,
      condition: step.Condition && step.Condition !== "Success" ? step.Condition : undefined,
      conditionExpression: typeof conditionExpression === "string" ? conditionExpression : undefined,
      parallel: step.StartTrigger === "StartWithPrevious" || undefined,
    });
  });
}

export function projectConfigTools(deps: DeploymentsDeps): AnyTool[] {
  const getProcess = tool({
    name: "deployments_get_deployment_process",
    description:
      "A project's deployment steps: action types, target roles, conditions, environment/channel scoping.",
    access: "read",
    inputSchema: z.object({ space: spaceField, project: projectField }).strict(),
    handler: async (args, ctx) => {
      const client = deps.client(ctx);
      const space = await client.resolveSpace(args.space);
      const project = await resolveProject(client, space.Id, args.project);
      const processPath =
        project.PersistenceSettings?.Type === "VersionControlled" || !project.DeploymentProcessId
          ? client.spacePath(space.Id, `projects/${project.Id}/deploymentprocesses`)
          : client.spacePath(space.Id, `deploymentprocesses/${project.DeploymentProcessId}`);
      const [process, environments, channels] = await Promise.all([
        client.get<DeploymentProcessResource>(processPath),
        loadEnvironments(client, space.Id),
        loadChannels(client, space.Id, project.Id),
      ]);
      return {
        project: project.Name,
        version: process.Version,
        steps: summarizeProcess(process, environments, channels),
      };
    },
  });

  const getVariables = tool({
    name: "deployments_get_project_variables",
    description: "A project's variables with scopes; sensitive values only marked <sensitive>.",
    access: "read",
    inputSchema: z
      .object({
        space: spaceField,
        project: projectField,
        name: z.string().optional().describe("Name contains"),
        limit: limitField(200, 50),
        cursor: cursorField,
      })
      .strict(),
    handler: async (args, ctx) => {
      const client = deps.client(ctx);
      const space = await client.resolveSpace(args.space);
      const project = await resolveProject(client, space.Id, args.project);
      const setId = project.VariableSetId ?? `variableset-${project.Id}`;
      const set = await client.get<VariableSetResource>(client.spacePath(space.Id, `variables/${setId}`));
      const needle = args.name?.toLowerCase();
      const all = (set.Variables ?? [])
        .filter((v) => !needle || v.Name.toLowerCase().includes(needle))
        .sort((a, b) => a.Name.localeCompare(b.Name));
      const fingerprint = queryFingerprint({ t: "variables", p: project.Id, n: needle ?? "" });
      const offset = args.cursor ? decodeCursor(args.cursor, fingerprint).offset : 0;
      const items = all.slice(offset, offset + (args.limit ?? 50)).map((v) =>
        compact({
          name: v.Name,
          value: visibleValue(v),
          scope: scopeLabel(v, set),
          type: v.Type && v.Type !== "String" && v.Type !== "Sensitive" ? v.Type : undefined,
          prompted: v.Prompt ? true : undefined,
        }),
      );
      return {
        space: space.Name,
        project: project.Name,
        items,
        page: pageInfo(all.length, offset, items.length, fingerprint),
      };
    },
  });

  return [getProcess, getVariables];
}
