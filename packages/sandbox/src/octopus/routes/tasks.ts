import { rawLog } from "../../logs/task-log.js";
import { type TaskExecutor } from "../executor.js";
import { badRequest, collection, matchesPartial } from "../http.js";
import { isCompleted } from "../model.js";
import { renderInterruption, renderTask, renderTaskDetails } from "../render/executions.js";
import { type Route } from "../router.js";
import { filterIds, findById, findTask, inSpace } from "./lookup.js";

/** Server tasks (octopus-api.md §10.6–10.8, §11.5) and interruptions (§10.11). */
export function taskRoutes(executor: () => TaskExecutor): Route[] {
  return [
    {
      method: "GET",
      path: "/tasks",
      scope: "space",
      handler: (ctx) => {
        const q = ctx.query;
        const states = new Set(q.list("states").map((s) => s.toLowerCase()));
        const names = new Set(q.list("name").map((s) => s.toLowerCase()));
        const project = q.get("project")?.toLowerCase();
        const env = q.get("environment")?.toLowerCase();
        const tenant = q.get("tenant")?.toLowerCase();
        const runbook = q.get("runbook")?.toLowerCase();
        const active = q.bool("active");
        const running = q.bool("running");
        const pending = q.bool("hasPendingInterruptions");
        const warnings = q.bool("hasWarningsOrErrors");
        const description = q.get("description")?.toLowerCase();
        const items = filterIds(ctx, ctx.store.tasks, (t) => `ServerTasks-${t.n}`)
          .filter((t) => inSpace(ctx, t.spaceN))
          .filter(
            (t) =>
              (states.size === 0 ||
                states.has(t.state.toLowerCase()) ||
                (states.has("new") && t.state === "Queued")) &&
              (names.size === 0 || names.has(t.kind.toLowerCase())) &&
              (!project || `projects-${t.projectN}` === project) &&
              (!env || `environments-${t.envN}` === env) &&
              (!tenant || `tenants-${t.tenantN}` === tenant) &&
              (!runbook ||
                (t.kind === "RunbookRun" &&
                  `runbooks-${ctx.store.runbookRun(t.refN)?.runbookN}` === runbook)) &&
              (active === undefined || active === !isCompleted(t.state)) &&
              (running === undefined || running === (t.state === "Executing" || t.state === "Cancelling")) &&
              (pending === undefined || pending === (t.pendingInterruptionN !== 0)) &&
              (warnings === undefined || warnings === (t.state === "Failed" || t.state === "TimedOut")) &&
              ((!description && !q.get("partialName")) ||
                ((!description || ctx.store.taskDescription(t).toLowerCase().includes(description)) &&
                  matchesPartial(ctx.store.taskDescription(t), q.get("partialName")))),
          )
          .reverse();
        return collection(ctx, "Task", items, (t) => renderTask(ctx.store, t));
      },
    },
    {
      method: "GET",
      path: "/tasks/:id",
      scope: "space",
      handler: (ctx) => ({ json: renderTask(ctx.store, findTask(ctx, ctx.params.id ?? "")) }),
    },
    {
      method: "GET",
      path: "/tasks/:id/details",
      scope: "space",
      handler: (ctx) => {
        const t = findTask(ctx, ctx.params.id ?? "");
        const tail = ctx.query.get("tail");
        return {
          json: renderTaskDetails(ctx.store, t, {
            verbose: ctx.query.bool("verbose") === true,
            tail: tail ? ctx.query.int("tail", 0) : undefined,
          }),
        };
      },
    },
    {
      method: "GET",
      path: "/tasks/:id/raw",
      scope: "space",
      handler: (ctx) => {
        const t = findTask(ctx, ctx.params.id ?? "");
        return { text: rawLog(ctx.store, t), contentType: "text/plain; charset=utf-8" };
      },
    },
    {
      method: "POST",
      path: "/tasks/:id/cancel",
      scope: "space",
      handler: (ctx) => {
        const t = findTask(ctx, ctx.params.id ?? "");
        executor().cancel(t);
        return { json: renderTask(ctx.store, t) };
      },
    },
    {
      method: "GET",
      path: "/interruptions",
      scope: "space",
      handler: (ctx) => {
        const pendingOnly = ctx.query.bool("pendingOnly") === true;
        const regarding = ctx.query.get("regarding")?.toLowerCase();
        const items = filterIds(ctx, ctx.store.interruptions, (i) => `Interruptions-${i.n}`)
          .filter((i) => i.spaceN === ctx.spaceN && (!pendingOnly || i.pending))
          .filter((i) => {
            if (!regarding) return true;
            const doc = renderInterruption(ctx.store, i);
            return doc.RelatedDocumentIds.some((d) => d.toLowerCase() === regarding);
          })
          .reverse();
        return collection(ctx, "Interruption", items, (i) => renderInterruption(ctx.store, i));
      },
    },
    {
      method: "GET",
      path: "/interruptions/:id",
      scope: "space",
      handler: (ctx) => ({
        json: renderInterruption(
          ctx.store,
          findById(ctx, ctx.params.id ?? "", "Interruptions", "Interruption", (n) =>
            ctx.store.interruption(n),
          ),
        ),
      }),
    },
    ...(["PUT", "POST"] as const).map((method): Route => ({
      method,
      path: "/interruptions/:id/responsible",
      scope: "space",
      handler: (ctx) => {
        const i = findById(ctx, ctx.params.id ?? "", "Interruptions", "Interruption", (n) =>
          ctx.store.interruption(n),
        );
        if (!i.pending) throw badRequest(`Interruption 'Interruptions-${i.n}' is no longer pending.`);
        executor().takeResponsibility(i);
        return { json: renderInterruption(ctx.store, i) };
      },
    })),
    {
      method: "GET",
      path: "/interruptions/:id/responsible",
      scope: "space",
      handler: (ctx) => {
        const i = findById(ctx, ctx.params.id ?? "", "Interruptions", "Interruption", (n) =>
          ctx.store.interruption(n),
        );
        const u = i.responsibleUserN ? ctx.store.user(i.responsibleUserN) : undefined;
        return { json: u ? { Id: `Users-${u.n}`, Username: u.username, DisplayName: u.displayName } : null };
      },
    },
    {
      method: "POST",
      path: "/interruptions/:id/submit",
      scope: "space",
      handler: (ctx) => {
        const i = findById(ctx, ctx.params.id ?? "", "Interruptions", "Interruption", (n) =>
          ctx.store.interruption(n),
        );
        const values = ctx.body.record("Values");
        const guided = i.type === "GuidedFailure";
        const result = guided
          ? (ctx.body.str("Guidance") ?? values.Guidance ?? ctx.body.str("Result") ?? values.Result)
          : (ctx.body.str("Result") ?? values.Result);
        const allowed = guided ? ["Fail", "Retry", "Ignore", "Exclude"] : ["Proceed", "Abort"];
        if (result === undefined || !allowed.includes(result))
          throw badRequest(
            `'${guided ? "Guidance" : "Result"}' must be one of ${allowed.join(", ")}; got '${result ?? ""}'.`,
          );
        try {
          executor().submit(i, result, ctx.body.str("Notes") ?? values.Notes ?? "");
        } catch (e) {
          throw badRequest((e as Error).message);
        }
        return { json: renderInterruption(ctx.store, i) };
      },
    },
  ];
}
