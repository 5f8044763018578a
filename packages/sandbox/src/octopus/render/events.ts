import { type EventRec } from "../model.js";
import { type OctopusStore } from "../store.js";
import { isoDate } from "../http.js";

/** Documents an event concerns (its `RelatedDocumentIds`), newest knowledge from the store. */
export function eventRelated(
  store: OctopusStore,
  e: EventRec,
): { ids: string[]; projectN: number; envN: number; tenantN: number } {
  const ids: string[] = [];
  let projectN = 0;
  let envN = 0;
  let tenantN = 0;
  const add = (d: { projectN: number; envN: number; tenantN: number; taskN: number }) => {
    projectN = d.projectN;
    envN = d.envN;
    tenantN = d.tenantN;
    ids.push(`ServerTasks-${d.taskN}`, `Projects-${d.projectN}`, `Environments-${d.envN}`);
    if (d.tenantN) ids.push(`Tenants-${d.tenantN}`);
  };
  switch (e.refKind) {
    case "Releases": {
      const r = store.release(e.refN);
      ids.push(`Releases-${e.refN}`);
      if (r) {
        projectN = r.projectN;
        ids.push(`Projects-${r.projectN}`, `Channels-${r.channelN}`);
      }
      break;
    }
    case "Deployments": {
      const d = store.deployment(e.refN);
      ids.push(`Deployments-${e.refN}`);
      if (d) {
        ids.push(`Releases-${d.releaseN}`);
        add(d);
      }
      break;
    }
    case "RunbookRuns": {
      const r = store.runbookRun(e.refN);
      ids.push(`RunbookRuns-${e.refN}`);
      if (r) {
        ids.push(`Runbooks-${r.runbookN}`);
        add(r);
      }
      break;
    }
    case "Interruptions":
    case "ServerTasks": {
      const i = e.refKind === "Interruptions" ? store.interruption(e.refN) : undefined;
      const t = store.task(i ? i.taskN : e.refN);
      if (i) ids.push(`Interruptions-${e.refN}`);
      if (t) {
        if (t.kind === "Deploy") ids.push(`Deployments-${t.refN}`);
        add({ projectN: t.projectN, envN: t.envN, tenantN: t.tenantN, taskN: t.n });
      }
      break;
    }
  }
  return { ids, projectN, envN, tenantN };
}

function message(store: OctopusStore, e: EventRec): string {
  const { projectN, envN, tenantN } = eventRelated(store, e);
  const project = store.project(projectN)?.name ?? "";
  const env = store.environment(envN)?.name ?? "";
  const tenant = tenantN ? ` for ${store.tenant(tenantN)?.name ?? ""}` : "";
  const version = (() => {
    if (e.refKind === "Releases") return store.release(e.refN)?.version ?? "";
    if (e.refKind === "Deployments") {
      const d = store.deployment(e.refN);
      return d ? (store.release(d.releaseN)?.version ?? "") : "";
    }
    return "";
  })();
  switch (e.category) {
    case "ReleaseCreated":
      return `Release ${version} created for ${project}`;
    case "DeploymentQueued":
      return `Deploy to ${env} queued for ${project} release ${version} to ${env}${tenant}`;
    case "DeploymentStarted":
      return `Deploy to ${env} started for ${project} release ${version} to ${env}${tenant}`;
    case "DeploymentSucceeded":
      return `Deploy to ${env} succeeded for ${project} release ${version} to ${env}${tenant}`;
    case "DeploymentFailed":
      return `Deploy to ${env} failed for ${project} release ${version} to ${env}${tenant}`;
    case "DeploymentCanceled":
      return `Deploy to ${env} was canceled for ${project} release ${version} to ${env}${tenant}`;
    case "RunbookRunQueued":
      return `Runbook run queued for ${project} in ${env}${tenant}`;
    case "ManualInterventionInterruptionRaised":
      return `Manual intervention raised for ${project} in ${env}${tenant}`;
    case "ManualInterventionInterruptionResolved":
      return `Manual intervention submitted for ${project} in ${env}${tenant}`;
    case "GuidedFailureInterruptionRaised":
      return `Guided failure raised for ${project} in ${env}${tenant}`;
    case "GuidedFailureInterruptionResolved":
      return `Guided failure resolved for ${project} in ${env}${tenant}`;
    case "TaskCanceled":
      return `Task ServerTasks-${e.refN} canceled`;
  }
}

export function renderEvent(store: OctopusStore, e: EventRec) {
  const user = store.user(e.userN);
  const spaceId = `Spaces-${e.spaceN}`;
  const msg = message(store, e);
  return {
    Id: `Events-${e.n}`,
    SpaceId: spaceId,
    Category: e.category,
    UserId: `Users-${e.userN}`,
    Username: user?.username ?? "system",
    IsService: user?.isService ?? false,
    IdentityEstablishedWith: user?.isService ? "API key" : "Session cookie",
    UserAgent: user?.isService ? "octo/9.1.7" : "Mozilla/5.0",
    Occurred: isoDate(e.occurred),
    Message: msg,
    MessageHtml: msg,
    MessageReferences: [],
    Comments: null,
    Details: null,
    ChangeDetails: null,
    RelatedDocumentIds: eventRelated(store, e).ids,
    LastModifiedOn: isoDate(e.occurred),
    LastModifiedBy: user?.username ?? "system",
    Links: { Self: `/api/${spaceId}/events/Events-${e.n}` },
  };
}
