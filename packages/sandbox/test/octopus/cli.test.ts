import { describe, expect, it } from "vitest";
import { runSandboxCli } from "../../src/cli.js";

describe("runSandboxCli", () => {
  it("starts the sandbox, prints its URLs and API key, and stops when told", async () => {
    const lines: string[] = [];
    const stop = new AbortController();
    let url = "";
    const running = runSandboxCli(
      ["--port", "0", "--seed", "3", "--task-step-ms", "5"],
      (l) => {
        lines.push(l);
        const m = /^Octopus sandbox:\s+(\S+)\/api$/.exec(l);
        if (m?.[1]) url = m[1];
        if (l.startsWith("Seed 3")) {
          void fetch(`${url}/api`)
            .then((r) => r.json() as Promise<{ Version: string }>)
            .then((root) => {
              lines.push(`root ${root.Version}`);
              stop.abort();
            });
        }
      },
      stop.signal,
    );
    await running;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines).toContain("root 2026.2.4000");
    expect(lines.some((l) => l.includes("API-SANDBOX0000000000000000000000"))).toBe(true);
    expect(
      lines.some((l) => /^Argo CD argocd-main: http:\/\/127\.0\.0\.1:\d+\/argocd\/main\/api\/v1/.test(l)),
    ).toBe(true);
    await expect(fetch(`${url}/api`)).rejects.toThrow();
  });

  it("rejects bad flags with a message naming the flag", async () => {
    await expect(runSandboxCli(["--scale", "-1"], () => undefined)).rejects.toThrow(
      /--scale must be a number > 0/,
    );
    await expect(runSandboxCli(["--port", "99999"], () => undefined)).rejects.toThrow(
      /--port must be an integer from 0 to 65535/,
    );
  });
});
