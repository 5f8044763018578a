import {
  type CatalogEnvironment,
  type CatalogLifecycle,
  type CatalogProject,
  type CatalogProjectGroup,
  type CatalogSpace,
  type CatalogTagSet,
  type CatalogTenant,
  TENANTS,
  ENVIRONMENTS,
  PROJECTS,
  environmentBySlug,
} from "../../seed/catalog.js";
import { type ChannelRec, type MachineRec, type RunbookRec, type UserRec } from "../model.js";
import { SEED_ANCHOR } from "../../seed/history.js";
import { isoDate } from "../http.js";

/** PascalCase renderers of the catalogue resources; field names follow octopus-api.md §10 and the 2020.5 swagger. */

const MODIFIED = { LastModifiedOn: isoDate(SEED_ANCHOR - 30 * 86_400_000), LastModifiedBy: "sandbox.admin" };

const retention = (quantity: number, unit: "Days" | "Items") => ({
  QuantityToKeep: quantity,
  ShouldKeepForever: quantity === 0,
  Unit: unit,
  Strategy: quantity === 0 ? "Forever" : "Count",
});

export function renderSpace(s: CatalogSpace) {
  return {
    Id: s.id,
    Name: s.name,
    Slug: s.slug,
    Description: s.description,
    IsDefault: s.isDefault,
    IsPrivate: false,
    TaskQueueStopped: false,
    SpaceManagersTeams: [`teams-spacemanagers-${s.id}`],
    SpaceManagersTeamMembers: [],
    Icon: null,
    ...MODIFIED,
    Links: { Self: `/api/spaces/${s.id}`, SpaceHome: `/api/${s.id}`, Web: `/app#/${s.id}` },
  };
}

export function renderProjectGroup(g: CatalogProjectGroup) {
  return {
    Id: g.id,
    SpaceId: g.spaceId,
    Name: g.name,
    Description: g.description,
    EnvironmentIds: [],
    RetentionPolicyId: null,
    ...MODIFIED,
    Links: {
      Self: `/api/${g.spaceId}/projectgroups/${g.id}`,
      Projects: `/api/${g.spaceId}/projectgroups/${g.id}/projects`,
    },
  };
}

export function renderEnvironment(e: CatalogEnvironment) {
  return {
    Id: e.id,
    SpaceId: e.spaceId,
    Name: e.name,
    Slug: e.slug,
    Description: e.description,
    SortOrder: e.sortOrder,
    UseGuidedFailure: e.useGuidedFailure,
    AllowDynamicInfrastructure: false,
    ExtensionSettings: [],
    EnvironmentTags: [],
    ...MODIFIED,
    Links: {
      Self: `/api/${e.spaceId}/environments/${e.id}`,
      Machines: `/api/${e.spaceId}/environments/${e.id}/machines`,
    },
  };
}

export function renderLifecycle(l: CatalogLifecycle) {
  return {
    Id: l.id,
    SpaceId: l.spaceId,
    Name: l.name,
    Slug: l.slug,
    Description: l.description,
    ReleaseRetentionPolicy: retention(30, "Days"),
    TentacleRetentionPolicy: retention(3, "Items"),
    Phases: l.phases.map((ph, i) => ({
      Id: `${l.id}-phase-${i + 1}`,
      Name: ph.name,
      AutomaticDeploymentTargets: [],
      OptionalDeploymentTargets: ph.environmentSlugs.map(
        (slug) => environmentBySlug(l.spaceId, slug)?.id ?? slug,
      ),
      MinimumEnvironmentsBeforePromotion: 0,
      IsOptionalPhase: ph.isOptionalPhase,
      IsPriorityPhase: ph.name === "Production",
      ReleaseRetentionPolicy: null,
      TentacleRetentionPolicy: null,
    })),
    ...MODIFIED,
    Links: { Self: `/api/${l.spaceId}/lifecycles/${l.id}` },
  };
}

export function renderProject(p: CatalogProject) {
  return {
    Id: p.id,
    SpaceId: p.spaceId,
    Name: p.name,
    Slug: p.slug,
    Description: p.description,
    IsDisabled: false,
    ProjectGroupId: p.projectGroupId,
    LifecycleId: p.lifecycleId,
    ClonedFromProjectId: null,
    VariableSetId: `variableset-${p.id}`,
    DeploymentProcessId: `deploymentprocess-${p.id}`,
    AutoCreateRelease: false,
    DiscreteChannelRelease: false,
    DefaultToSkipIfAlreadyInstalled: false,
    IsVersionControlled: false,
    ForcePackageDownload: false,
    TenantedDeploymentMode: p.tenantedDeploymentMode,
    DefaultGuidedFailureMode: "EnvironmentDefault",
    PersistenceSettings: { Type: "Database" },
    VersionControlSettings: null,
    VersioningStrategy: {
      Template: "#{Octopus.Version.LastMajor}.#{Octopus.Version.LastMinor}.#{Octopus.Version.NextPatch}",
      DonorPackage: null,
    },
    ProjectConnectivityPolicy: {
      AllowDeploymentsToNoTargets: p.style === "argocd",
      ExcludeUnhealthyTargets: false,
      SkipMachineBehavior: "None",
      TargetRoles: p.style === "tentacle" ? ["erp-sync"] : p.style === "kubernetes" ? ["k8s"] : [],
    },
    IncludedLibraryVariableSetIds: p.spaceId === "Spaces-1" ? ["LibraryVariableSets-1"] : [],
    ProjectTags: [],
    ReleaseCreationStrategy: {
      ChannelId: null,
      ReleaseCreationPackage: null,
      ReleaseCreationPackageStepId: null,
    },
    Templates: [],
    AutoDeployReleaseOverrides: [],
    ExtensionSettings: [],
    ReleaseNotesTemplate: null,
    DeploymentChangesTemplate: null,
    DefaultPowerShellEdition: "WindowsPowerShell",
    IsBadgesEnabled: false,
    Icon: { Id: p.style === "tentacle" ? "windows" : "cube", Color: "#1A77CA" },
    CombineHealthAndSyncStatusInDashboardLiveStatus: p.style === "argocd",
    ...MODIFIED,
    Links: {
      Self: `/api/${p.spaceId}/projects/${p.id}`,
      Web: `/app#/${p.spaceId}/projects/${p.slug}`,
      Releases: `/api/${p.spaceId}/projects/${p.id}/releases{/version}{?skip,take,searchByVersion}`,
      Channels: `/api/${p.spaceId}/projects/${p.id}/channels{?skip,take,partialName}`,
      DeploymentProcess: `/api/${p.spaceId}/deploymentprocesses/deploymentprocess-${p.id}`,
      Variables: `/api/${p.spaceId}/variables/variableset-${p.id}`,
      Runbooks: `/api/${p.spaceId}/projects/${p.id}/runbooks{?skip,take,partialName}`,
    },
  };
}

export function renderChannel(c: ChannelRec) {
  const spaceId = `Spaces-${c.spaceN}`;
  return {
    Id: `Channels-${c.n}`,
    SpaceId: spaceId,
    ProjectId: `Projects-${c.projectN}`,
    Name: c.name,
    Slug: c.name.toLowerCase(),
    Description: c.isDefault ? "" : "Urgent fixes straight to Staging and Production.",
    LifecycleId: c.lifecycleN === null ? null : `Lifecycles-${c.lifecycleN}`,
    IsDefault: c.isDefault,
    Rules: [],
    TenantTags: [],
    GitReferenceRules: [],
    GitResourceRules: [],
    ...MODIFIED,
    Links: {
      Self: `/api/${spaceId}/channels/Channels-${c.n}`,
      Releases: `/api/${spaceId}/channels/Channels-${c.n}/releases`,
    },
  };
}

/** Project → environments a tenant is connected to (`ProjectEnvironments`). */
export function tenantProjectEnvironments(t: CatalogTenant): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of PROJECTS) {
    if (!p.tenantSlugs.includes(t.slug)) continue;
    out[p.id] = p.environmentSlugs.map((s) => environmentBySlug(p.spaceId, s)?.id ?? s);
  }
  return out;
}

export function renderTenant(t: CatalogTenant) {
  return {
    Id: t.id,
    SpaceId: t.spaceId,
    Name: t.name,
    Slug: t.slug,
    Description: t.description,
    ClonedFromTenantId: null,
    IsDisabled: false,
    TenantTags: t.tags,
    ProjectEnvironments: tenantProjectEnvironments(t),
    CustomFields: {},
    Icon: null,
    ...MODIFIED,
    Links: {
      Self: `/api/${t.spaceId}/tenants/${t.id}`,
      Variables: `/api/${t.spaceId}/tenants/${t.id}/variables`,
      Web: `/app#/${t.spaceId}/tenants/${t.id}/overview`,
    },
  };
}

export function renderTagSet(ts: CatalogTagSet) {
  return {
    Id: ts.id,
    SpaceId: ts.spaceId,
    Name: ts.name,
    Description: "",
    SortOrder: Number(ts.id.split("-")[1]),
    Tags: ts.tags.map((tag, i) => ({
      Id: `${ts.id}-${i + 1}`,
      Name: tag,
      CanonicalTagName: `${ts.name}/${tag}`,
      Color: "#333333",
      Description: "",
      SortOrder: i,
    })),
    ...MODIFIED,
    Links: { Self: `/api/${ts.spaceId}/tagsets/${ts.id}` },
  };
}

export function renderMachine(m: MachineRec) {
  const spaceId = `Spaces-${m.spaceN}`;
  const k8s = m.style === "KubernetesTentacle";
  const thumbprint = (m.n * 2654435761).toString(16).toUpperCase().padStart(40, "A").slice(0, 40);
  const status = m.disabled
    ? "Disabled"
    : m.health === "Unavailable"
      ? "Offline"
      : m.health === "Unknown"
        ? "Unknown"
        : "Online";
  return {
    Id: `Machines-${m.n}`,
    SpaceId: spaceId,
    Name: m.name,
    Slug: m.name,
    IsDisabled: m.disabled,
    HealthStatus: m.health,
    StatusSummary:
      m.health === "Healthy"
        ? "Octopus was able to successfully establish a connection with this machine."
        : `This machine is ${m.health.toLowerCase()}.`,
    Status: status,
    HasLatestCalamari: true,
    IsInProcess: false,
    SkipInitialHealthCheck: false,
    EnvironmentIds: m.envNs.map((e) => `Environments-${e}`),
    Roles: m.roles,
    TenantIds: m.tenantNs.map((t) => `Tenants-${t}`),
    TenantTags: [],
    TenantedDeploymentParticipation: m.participation,
    MachinePolicyId: "MachinePolicies-1",
    Thumbprint: thumbprint,
    Uri: k8s ? null : `https://${m.name}.octo-shop.internal:10933/`,
    ShellName: k8s ? "Bash" : "PowerShell",
    ShellVersion: k8s ? "5.2.15" : "5.1.20348.2849",
    OperatingSystem: m.os,
    OperatingSystemVersion: k8s ? "Ubuntu 22.04" : "10.0.20348",
    Architecture: "x64",
    Endpoint: k8s
      ? {
          Id: `KubernetesTentacleEndpoint-${m.n}`,
          CommunicationStyle: "KubernetesTentacle",
          TentacleEndpointConfiguration: { CommunicationMode: "Polling", Thumbprint: thumbprint },
          DefaultNamespace: "octopus-agent",
        }
      : {
          Id: `TentaclePassiveEndpoint-${m.n}`,
          CommunicationStyle: "TentaclePassive",
          Uri: `https://${m.name}.octo-shop.internal:10933/`,
          Thumbprint: thumbprint,
          ProxyId: null,
          TentacleVersionDetails: {
            Version: "8.1.2165",
            UpgradeLocked: false,
            UpgradeSuggested: false,
            UpgradeRequired: false,
          },
        },
    ...MODIFIED,
    Links: {
      Self: `/api/${spaceId}/machines/Machines-${m.n}`,
      Web: `/app#/${spaceId}/infrastructure/machines/Machines-${m.n}/settings`,
    },
  };
}

export function renderUser(u: UserRec) {
  return {
    Id: `Users-${u.n}`,
    Username: u.username,
    DisplayName: u.displayName,
    IsActive: true,
    IsService: u.isService,
    EmailAddress: u.email,
    CanPasswordBeEdited: !u.isService,
    IsRequestor: u.n === 1,
    Identities: [],
    Created: isoDate(SEED_ANCHOR - 400 * 86_400_000),
    ...MODIFIED,
    Links: { Self: `/api/users/Users-${u.n}`, Permissions: `/api/users/Users-${u.n}/permissions` },
  };
}

export function renderRunbook(r: RunbookRec) {
  const spaceId = `Spaces-${r.spaceN}`;
  const p = PROJECTS.find((x) => x.id === `Projects-${r.projectN}`);
  return {
    Id: `Runbooks-${r.n}`,
    SpaceId: spaceId,
    ProjectId: `Projects-${r.projectN}`,
    Name: r.name,
    Slug: r.slug,
    Description: `${r.name} for ${p?.name ?? "the project"}.`,
    RunbookProcessId: `RunbookProcess-Runbooks-${r.n}`,
    PublishedRunbookSnapshotId: `RunbookSnapshots-${r.n}`,
    MultiTenancyMode: p?.tenantedDeploymentMode ?? "Untenanted",
    EnvironmentScope: "FromProjectLifecycles",
    Environments: [],
    ConnectivityPolicy: {
      AllowDeploymentsToNoTargets: true,
      ExcludeUnhealthyTargets: false,
      SkipMachineBehavior: "None",
      TargetRoles: [],
    },
    DefaultGuidedFailureMode: "EnvironmentDefault",
    RunRetentionPolicy: { QuantityToKeep: 100, ShouldKeepForever: false, Unit: "Items" },
    ForcePackageDownload: false,
    FailTargetDiscovery: false,
    CancelQueuedTasks: false,
    CancelRunningTasks: false,
    RunbookTags: [],
    ...MODIFIED,
    Links: {
      Self: `/api/${spaceId}/runbooks/Runbooks-${r.n}`,
      Web: `/app#/${spaceId}/projects/${p?.slug ?? ""}/operations/runbooks/Runbooks-${r.n}/overview`,
    },
  };
}

export { TENANTS, ENVIRONMENTS };
