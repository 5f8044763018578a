import { type CatalogProject, ENVIRONMENTS, environmentBySlug } from "../../seed/catalog.js";
import { deploymentSteps } from "../../seed/processes.js";

/** Deployment process and variable set resources, derived from the catalogue (octopus-api.md §10.16). */

export function renderDeploymentProcess(p: CatalogProject) {
  const steps = deploymentSteps(p);
  return {
    Id: `deploymentprocess-${p.id}`,
    SpaceId: p.spaceId,
    ProjectId: p.id,
    Version: steps.length + 3,
    LastSnapshotId: null,
    Steps: steps.map((s, i) => ({
      Id: `${p.id}-step-${i + 1}`,
      Name: s.name,
      Slug: s.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/-$/, ""),
      PackageRequirement: "LetOctopusDecide",
      Condition: "Success",
      StartTrigger: "StartAfterPrevious",
      Properties: s.roles.length ? { "Octopus.Action.TargetRoles": s.roles.join(",") } : {},
      Actions: [
        {
          Id: `${p.id}-action-${i + 1}`,
          Name: s.name,
          Slug: s.name
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, "-")
            .replace(/-$/, ""),
          ActionType: s.actionType,
          Notes: null,
          IsDisabled: false,
          IsRequired: s.kind === "manual",
          CanBeUsedForProjectVersioning: s.kind === "helm" || s.kind === "argo-update",
          Condition: "Success",
          WorkerPoolId: s.roles.length ? null : "WorkerPools-1",
          WorkerPoolVariable: null,
          Container: { FeedId: null, Image: null },
          Environments: s.environmentSlugs.map((e) => environmentBySlug(p.spaceId, e)?.id ?? e),
          ExcludedEnvironments: [],
          Channels: [],
          TenantTags: [],
          Packages:
            s.kind === "helm" || s.kind === "argo-update"
              ? p.images.map((image, k) => ({
                  Id: `${p.id}-pkg-${i + 1}-${k + 1}`,
                  Name: image.split("/").pop() ?? image,
                  PackageId: image.replace(/^ghcr\.io\//, ""),
                  FeedId: "Feeds-2",
                  AcquisitionLocation: "NotAcquired",
                  Properties: {},
                }))
              : [],
          Properties: { "Octopus.Action.RunOnServer": s.roles.length ? "False" : "True" },
          LastModifiedOn: null,
          LastModifiedBy: null,
          Links: {},
        },
      ],
    })),
    LastModifiedOn: null,
    LastModifiedBy: null,
    Links: {
      Self: `/api/${p.spaceId}/deploymentprocesses/deploymentprocess-${p.id}`,
      Project: `/api/${p.spaceId}/projects/${p.id}`,
    },
  };
}

/**
 * The project variable set. Sensitive values are hidden the way Octopus hides them: `Value: null`,
 * `IsSensitive: true`, `Type: "Sensitive"`.
 */
export function renderVariableSet(p: CatalogProject, snapshotOfRelease?: number) {
  // Release snapshots (`variableset-Projects-N-s-<release>`) differ a little, so release comparisons find something.
  const snapshot = snapshotOfRelease !== undefined;
  const prodReplicas = snapshot && snapshotOfRelease % 3 === 0 ? "6" : "4";
  const envIds = p.environmentSlugs.map((e) => environmentBySlug(p.spaceId, e)?.id ?? e);
  const db = p.slug.replace(/-/g, "_");
  const variables: { Name: string; Value: string | null; Sensitive?: boolean; Env?: string | undefined }[] = [
    { Name: "App.LogLevel", Value: "Information" },
    { Name: "App.LogLevel", Value: "Debug", Env: envIds[0] },
    { Name: "App.Replicas", Value: "2" },
    { Name: "App.Replicas", Value: prodReplicas, Env: envIds[envIds.length - 1] },
    {
      Name: "Database.ConnectionString",
      Value: `Host=pg-#{Octopus.Environment.Name | ToLower}.octo-shop.internal;Database=${db};Username=${db}_app`,
    },
    { Name: "Database.Password", Value: null, Sensitive: true },
    { Name: "Slack.WebhookUrl", Value: null, Sensitive: true },
    { Name: "Ingress.Host", Value: `${p.slug}.#{Octopus.Environment.Name | ToLower}.octo-shop.internal` },
  ];
  return {
    Id: snapshot ? `variableset-${p.id}-s-${snapshotOfRelease}` : `variableset-${p.id}`,
    SpaceId: p.spaceId,
    OwnerId: p.id,
    Version: 12,
    Variables: variables.map((v, i) => ({
      Id: `${p.id}-var-${i + 1}`,
      Name: v.Name,
      Value: v.Value,
      Description: null,
      Scope: v.Env ? { Environment: [v.Env] } : {},
      IsEditable: true,
      Prompt: null,
      Type: v.Sensitive ? "Sensitive" : "String",
      IsSensitive: v.Sensitive === true,
    })),
    ScopeValues: {
      Environments: ENVIRONMENTS.filter((e) => envIds.includes(e.id)).map((e) => ({
        Id: e.id,
        Name: e.name,
      })),
      Machines: [],
      Actions: [],
      Roles: [],
      Channels: [],
      TenantTags: [],
      Processes: [],
    },
    LastModifiedOn: null,
    LastModifiedBy: null,
    Links: { Self: `/api/${p.spaceId}/variables/variableset-${p.id}` },
  };
}
