import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateSeed } from "../../src/seed/generate.js";
import { PROJECTS, TENANTS, currentVersion, environmentBySlug } from "../../src/seed/catalog.js";
import { idNum } from "../../src/octopus/store.js";

const seed1 = generateSeed(1, 1);

describe("seed", () => {
  it("is sized like a small company, with tasks in every state", () => {
    const s = seed1.store;
    const states: Record<string, number> = {};
    for (const t of s.tasks) states[t.state] = (states[t.state] ?? 0) + 1;
    expect(s.releases.length).toBe(309);
    expect(s.deployments.length).toBeGreaterThanOrEqual(1500);
    expect(s.tasks.length).toBeGreaterThanOrEqual(1800);
    for (const st of ["Queued", "Executing", "Failed", "Canceled", "TimedOut", "Success", "Cancelling"])
      expect(states[st], st).toBeGreaterThan(0);
    expect(s.interruptions.filter((i) => i.pending)).toHaveLength(3);
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const again = generateSeed(1, 1).store;
    expect(again.tasks.map((t) => `${t.state}/${t.queued}`)).toEqual(
      seed1.store.tasks.map((t) => `${t.state}/${t.queued}`),
    );
    const other = generateSeed(2, 1).store;
    expect(other.tasks.map((t) => t.state)).not.toEqual(seed1.store.tasks.map((t) => t.state));
  });

  it.each([1, 7])(
    "the last successful deployment everywhere is currentVersion() (Argo CD contract), seed %i",
    (seed) => {
      const { store } = seed === 1 ? seed1 : generateSeed(seed, 1);
      let checked = 0;
      for (const p of PROJECTS) {
        for (const envSlug of p.environmentSlugs) {
          const env = environmentBySlug(p.spaceId, envSlug);
          const tenants =
            p.tenantedDeploymentMode === "Untenanted"
              ? [undefined]
              : p.tenantSlugs.map((t) => TENANTS.find((x) => x.slug === t));
          const targets =
            p.tenantedDeploymentMode === "TenantedOrUntenanted" && envSlug === p.environmentSlugs[0]
              ? [undefined]
              : tenants;
          for (const tenant of targets) {
            const last = [...store.deployments]
              .reverse()
              .find(
                (d) =>
                  d.projectN === idNum(p.id) &&
                  d.envN === idNum(env?.id ?? "") &&
                  d.tenantN === (tenant ? idNum(tenant.id) : 0) &&
                  store.task(d.taskN)?.state === "Success",
              );
            expect(last, `${p.slug}/${envSlug}/${tenant?.slug ?? ""}`).toBeDefined();
            expect(
              store.release(last?.releaseN ?? 0)?.version,
              `${p.slug}/${envSlug}/${tenant?.slug ?? ""}`,
            ).toBe(currentVersion(p.slug, envSlug, 1, tenant?.slug));
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(60);
    },
  );

  it("SEED.md's notable table matches the seed-1 data", () => {
    const md = readFileSync(new URL("../../SEED.md", import.meta.url), "utf8");
    for (const n of seed1.notable) {
      const row = md.split("\n").find((l) => l.includes(`| ${n.deploymentId} `));
      expect(row, `${n.deploymentId} (${n.note}) missing from SEED.md`).toBeDefined();
      expect(row).toContain(`| ${n.taskId} `);
      expect(row).toContain(`| ${n.project} `);
      expect(row).toContain(`| ${n.version} `);
      expect(row).toContain(`| ${n.state} `);
      if (n.interruptionId) expect(row).toContain(n.interruptionId);
    }
  });
});
