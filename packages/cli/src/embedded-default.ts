/**
 * The built-in default behind `pnpm start` and a config-less `octopus-mcp serve`: the embedded
 * sandbox (Octopus Server + Argo CD stand-ins on 127.0.0.1) and the three first-party plugins
 * configured against it for the local caller tenant. The sandbox's API key and Argo CD tokens
 * are handed to the host as in-memory credentials, never written to config, logs or arguments.
 */
import createArgoCdPlugin from "@octopus-mcp/plugin-octopus-argocd";
import createDeploymentsPlugin from "@octopus-mcp/plugin-octopus-deployments";
import createTasksPlugin from "@octopus-mcp/plugin-octopus-tasks";
import {
  defaultHostConfig,
  StaticCredentialResolver,
  type CreateHostOptions,
  type HostConfig,
  type HostConfigInput,
} from "@octopus-mcp/host";
import { startSandbox, type Sandbox, type SandboxOptions } from "@octopus-mcp/sandbox";

/** Credential IDs the default config uses; their secrets come from the running sandbox. */
export const SANDBOX_OCTOPUS_CREDENTIAL = "sandbox-octopus";
export const sandboxArgoCdCredential = (instance: string): string => `sandbox-argocd-${instance}`;

/** A running embedded default: the sandbox plus what `createHost` needs to serve against it. */
export interface EmbeddedDefault {
  readonly sandbox: Sandbox;
  readonly config: HostConfig;
  /** `plugins` and `credentials` for `createHost` / `startHttpHost`. */
  readonly hostOptions: Pick<CreateHostOptions, "plugins" | "credentials">;
  /** Stops the sandbox (after the host has stopped). Idempotent. */
  stop(): Promise<void>;
}

export interface EmbeddedDefaultOptions {
  /** Sandbox options (port 0 and scale 1 by default). */
  readonly sandbox?: SandboxOptions;
  /** Host config overrides (logging, policy, server.http, ...); tenants and plugins are set here. */
  readonly overrides?: HostConfigInput;
}

/**
 * Starts the sandbox and builds the default host config for it.
 * @throws RangeError for invalid sandbox options; Error when the sandbox cannot listen.
 */
export async function startEmbeddedDefault(options: EmbeddedDefaultOptions = {}): Promise<EmbeddedDefault> {
  const sandbox = await startSandbox(options.sandbox ?? {});
  try {
    const localTenant = options.overrides?.localTenant ?? "default";
    const config = defaultHostConfig({
      ...options.overrides,
      localTenant,
      tenants: {
        [localTenant]: {
          octopus: { serverUrl: sandbox.octopusUrl, credentialId: SANDBOX_OCTOPUS_CREDENTIAL },
          argocd: {
            instances: sandbox.argocd.map((instance) => ({
              name: instance.name,
              baseUrl: instance.baseUrl,
              credentialId: sandboxArgoCdCredential(instance.name),
            })),
          },
        },
      },
    });
    const secrets: Record<string, string> = { [SANDBOX_OCTOPUS_CREDENTIAL]: sandbox.apiKey };
    for (const instance of sandbox.argocd) secrets[sandboxArgoCdCredential(instance.name)] = instance.token;
    return {
      sandbox,
      config,
      hostOptions: {
        plugins: [
          { plugin: createDeploymentsPlugin },
          { plugin: createTasksPlugin },
          { plugin: createArgoCdPlugin },
        ],
        credentials: (deps) => new StaticCredentialResolver({ [localTenant]: secrets }, deps),
      },
      stop: () => sandbox.stop(),
    };
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}
