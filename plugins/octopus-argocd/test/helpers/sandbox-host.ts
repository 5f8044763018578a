/** Starts the sandbox and a test host with the argocd plugin wired to the sandbox's instances. */
import { startSandbox, type Sandbox } from "@octopus-mcp/sandbox";
import { startTestHost, type TestHost } from "@octopus-mcp/testkit";
import { createArgoCdPlugin } from "../../src/index.js";

export interface ArgoSandboxHost {
  readonly sandbox: Sandbox;
  readonly host: TestHost;
  stop(): Promise<void>;
}

export async function startArgoSandboxHost(
  options: {
    readonly pluginConfig?: Record<string, unknown>;
    readonly tokens?: Record<string, string>;
    readonly fetch?: typeof fetch;
  } = {},
): Promise<ArgoSandboxHost> {
  const sandbox = await startSandbox({ port: 0, taskStepMs: 5 });
  const credentials: Record<string, string> = { octopus: sandbox.apiKey };
  for (const instance of sandbox.argocd)
    credentials[instance.name] = options.tokens?.[instance.name] ?? instance.token;
  let host: TestHost;
  try {
    host = await startTestHost({
      plugins: [{ plugin: createArgoCdPlugin(), config: options.pluginConfig ?? {} }],
      tenants: {
        default: {
          octopus: { serverUrl: sandbox.octopusUrl, credentialId: "octopus" },
          argocd: {
            instances: sandbox.argocd.map((i) => ({
              name: i.name,
              baseUrl: i.baseUrl,
              credentialId: i.name,
            })),
          },
        },
      },
      credentials: { default: credentials },
      config: { calls: { timeoutMs: 60_000 } },
      autoStop: false,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
  return {
    sandbox,
    host,
    async stop() {
      await host.stop();
      await sandbox.stop();
    },
  };
}
