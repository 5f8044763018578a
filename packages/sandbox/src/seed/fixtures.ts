import { type OctopusStore, idNum } from "../octopus/store.js";
import { type MachineRec } from "../octopus/model.js";
import { runbookNames } from "./processes.js";

/** Users-1 is the API key's user (`GET /api/users/me`); the others deploy in the seeded history. */
export const USERS = [
  {
    n: 1,
    username: "sandbox.admin",
    displayName: "Sandbox Admin",
    email: "admin@octo-shop.example",
    isService: false,
  },
  {
    n: 2,
    username: "alice.nguyen",
    displayName: "Alice Nguyen",
    email: "alice.nguyen@octo-shop.example",
    isService: false,
  },
  {
    n: 3,
    username: "ravi.patel",
    displayName: "Ravi Patel",
    email: "ravi.patel@octo-shop.example",
    isService: false,
  },
  {
    n: 4,
    username: "maria.garcia",
    displayName: "Maria Garcia",
    email: "maria.garcia@octo-shop.example",
    isService: false,
  },
  { n: 5, username: "ci-bot", displayName: "CI Bot", email: "ci-bot@octo-shop.example", isService: true },
];

function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Users, channels, runbooks and deployment targets: fixed, independent of the PRNG seed. */
export function addFixtures(store: OctopusStore): void {
  store.users.push(...USERS);
  for (const p of store.projects) {
    const pn = idNum(p.id);
    const sn = idNum(p.spaceId);
    store.channels.push({
      n: store.nextN(store.channels),
      spaceN: sn,
      projectN: pn,
      name: "Default",
      lifecycleN: null,
      isDefault: true,
    });
    if (p.lifecycleId === "Lifecycles-1") {
      store.channels.push({
        n: store.nextN(store.channels),
        spaceN: sn,
        projectN: pn,
        name: "Hotfix",
        lifecycleN: 3,
        isDefault: false,
      });
    }
  }
  for (const p of store.projects) {
    for (const name of runbookNames(p)) {
      store.runbooks.push({
        n: store.nextN(store.runbooks),
        spaceN: idNum(p.spaceId),
        projectN: idNum(p.id),
        name,
        slug: slugify(name),
      });
    }
  }
  const machine = (m: Omit<MachineRec, "n">) => store.machines.push({ ...m, n: store.nextN(store.machines) });
  const allTenants = store.tenants.map((t) => idNum(t.id));
  for (const [envN, env] of [
    [1, "dev"],
    [2, "test"],
    [3, "staging"],
    [4, "production"],
  ] as const) {
    machine({
      spaceN: 1,
      name: `k8s-agent-${env}`,
      envNs: [envN],
      roles: ["k8s"],
      tenantNs: [],
      participation: "TenantedOrUntenanted",
      style: "KubernetesTentacle",
      health: "Healthy",
      disabled: false,
      os: "Linux",
    });
    machine({
      spaceN: 1,
      name: `erp-app-${env}-01`,
      envNs: [envN],
      roles: ["erp-sync"],
      tenantNs: [],
      participation: "Untenanted",
      style: "TentaclePassive",
      health: "Healthy",
      disabled: false,
      os: "Microsoft Windows Server 2022 Datacenter",
    });
  }
  machine({
    spaceN: 1,
    name: "k8s-agent-production-us",
    envNs: [4],
    roles: ["k8s"],
    tenantNs: allTenants,
    participation: "TenantedOrUntenanted",
    style: "KubernetesTentacle",
    health: "HasWarnings",
    disabled: false,
    os: "Linux",
  });
  machine({
    spaceN: 1,
    name: "erp-app-production-02",
    envNs: [4],
    roles: ["erp-sync"],
    tenantNs: [],
    participation: "Untenanted",
    style: "TentaclePassive",
    health: "Unavailable",
    disabled: false,
    os: "Microsoft Windows Server 2019 Standard",
  });
  machine({
    spaceN: 1,
    name: "k8s-agent-customer-preview",
    envNs: [5],
    roles: ["k8s"],
    tenantNs: allTenants,
    participation: "Tenanted",
    style: "KubernetesTentacle",
    health: "Healthy",
    disabled: false,
    os: "Linux",
  });
  machine({
    spaceN: 1,
    name: "k8s-agent-test-legacy",
    envNs: [2],
    roles: ["k8s"],
    tenantNs: [],
    participation: "Untenanted",
    style: "KubernetesTentacle",
    health: "Unknown",
    disabled: true,
    os: "Linux",
  });
  machine({
    spaceN: 2,
    name: "k8s-agent-non-prod",
    envNs: [6],
    roles: ["k8s"],
    tenantNs: [],
    participation: "Untenanted",
    style: "KubernetesTentacle",
    health: "Healthy",
    disabled: false,
    os: "Linux",
  });
  machine({
    spaceN: 2,
    name: "k8s-agent-prod",
    envNs: [7],
    roles: ["k8s"],
    tenantNs: [],
    participation: "Untenanted",
    style: "KubernetesTentacle",
    health: "Unhealthy",
    disabled: false,
    os: "Linux",
  });
}
