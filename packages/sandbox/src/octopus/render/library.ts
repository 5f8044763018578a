/**
 * The one library variable set every Spaces-1 project includes ("Shared Settings", LibraryVariableSets-1), for
 * the MCP server's get_variables (`libraryvariablesets?ids=…`, `variables/all?ids=…`; octopus-api.md §13).
 * Sensitive values are hidden as Octopus hides them (`Value: null`).
 */
export const LIBRARY_SET_ID = "LibraryVariableSets-1";

export function renderLibraryVariableSet(spaceId: string) {
  return {
    Id: LIBRARY_SET_ID,
    SpaceId: spaceId,
    Name: "Shared Settings",
    Description: "Registry, observability and notification settings shared by every Octo Shop project.",
    VariableSetId: `variableset-${LIBRARY_SET_ID}`,
    ContentType: "Variables",
    Templates: [],
    LastModifiedOn: null,
    LastModifiedBy: null,
    Links: {
      Self: `/api/${spaceId}/libraryvariablesets/${LIBRARY_SET_ID}`,
      Variables: `/api/${spaceId}/variables/variableset-${LIBRARY_SET_ID}`,
    },
  };
}

export function renderLibraryVariables(spaceId: string) {
  const vars: [string, string | null, boolean][] = [
    ["Registry.Url", "ghcr.io/octo-shop", false],
    ["Registry.Password", null, true],
    ["Otel.Endpoint", "http://otel-collector.observability:4317", false],
    ["PagerDuty.RoutingKey", null, true],
  ];
  return {
    Id: `variableset-${LIBRARY_SET_ID}`,
    SpaceId: spaceId,
    OwnerId: LIBRARY_SET_ID,
    Version: 4,
    Variables: vars.map(([name, value, sensitive], i) => ({
      Id: `${LIBRARY_SET_ID}-var-${i + 1}`,
      Name: name,
      Value: value,
      Description: null,
      Scope: {},
      IsEditable: true,
      Prompt: null,
      Type: sensitive ? "Sensitive" : "String",
      IsSensitive: sensitive,
    })),
    ScopeValues: {
      Environments: [],
      Machines: [],
      Actions: [],
      Roles: [],
      Channels: [],
      TenantTags: [],
      Processes: [],
    },
    LastModifiedOn: null,
    LastModifiedBy: null,
    Links: { Self: `/api/${spaceId}/variables/variableset-${LIBRARY_SET_ID}` },
  };
}
