import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CredentialNotFoundError, TenantContextUnavailableError } from "@octopus-mcp/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/config-error.js";
import { defaultHostConfig } from "../../src/config/load-config.js";
import { CompositeCredentialResolver } from "../../src/credentials/composite-credential-resolver.js";
import { createCredentialResolver } from "../../src/credentials/create-credential-resolver.js";
import {
  localCredentialEnvName,
  normaliseCredentialEnvPart,
  tenantCredentialEnvName,
} from "../../src/credentials/credential-env-name.js";
import { EnvCredentialResolver } from "../../src/credentials/env-credential-resolver.js";
import { FileCredentialResolver } from "../../src/credentials/file-credential-resolver.js";
import { StaticCredentialResolver } from "../../src/credentials/static-credential-resolver.js";
import { SecretRedactor } from "../../src/logging/secret-redactor.js";
import { TenantScope } from "../../src/tenancy/tenant-scope.js";

const scope = new TenantScope();
const asTenant = <T>(tenantId: string, fn: () => Promise<T>): Promise<T> =>
  scope.run({ tenantId, correlationId: "c", subject: undefined, settings: {} }, fn);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "octopus-mcp-credentials-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeCredentials(name: string, text: string, mode = 0o600): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  await chmod(file, mode);
  return file;
}

describe("credential variable names", () => {
  it("upper-cases and turns non-alphanumerics into single underscores", () => {
    expect(localCredentialEnvName("octopus-prod")).toBe("OCTOPUS_MCP_CREDENTIAL_OCTOPUS_PROD");
    expect(tenantCredentialEnvName("acme.corp", "argo--cd")).toBe(
      "OCTOPUS_MCP_CREDENTIAL_ACME_CORP__ARGO_CD",
    );
    expect(normaliseCredentialEnvPart("-x-")).toBe("X");
    expect(localCredentialEnvName("---")).toBeUndefined();
    expect(localCredentialEnvName(42)).toBe("OCTOPUS_MCP_CREDENTIAL_42");
  });

  it("a local short name can never equal another tenant's long name", () => {
    // "acme--octopus" would be ACME__OCTOPUS without run-collapsing: tenant acme's credential.
    expect(localCredentialEnvName("acme--octopus")).toBe("OCTOPUS_MCP_CREDENTIAL_ACME_OCTOPUS");
    expect(tenantCredentialEnvName("acme", "octopus")).toBe("OCTOPUS_MCP_CREDENTIAL_ACME__OCTOPUS");
  });
});

describe("EnvCredentialResolver", () => {
  const env = {
    OCTOPUS_MCP_CREDENTIAL_OCTOPUS_PROD: "local-short-secret",
    OCTOPUS_MCP_CREDENTIAL_ACME__OCTOPUS_PROD: "acme-secret",
    OCTOPUS_MCP_CREDENTIAL_DEFAULT__ARGO: "default-long-secret",
    OCTOPUS_MCP_CREDENTIAL_EMPTY: "",
  };

  it("resolves the tenant-qualified name for any tenant and the short name for the local tenant only", async () => {
    const redactor = new SecretRedactor();
    const resolver = new EnvCredentialResolver({ scope, redactor, env, localTenant: "default" });
    await expect(asTenant("default", () => resolver.getPasswordAsync("octopus-prod"))).resolves.toBe(
      "local-short-secret",
    );
    await expect(asTenant("default", () => resolver.getPasswordAsync("argo"))).resolves.toBe(
      "default-long-secret",
    );
    await expect(asTenant("acme", () => resolver.getPasswordAsync("octopus-prod"))).resolves.toBe(
      "acme-secret",
    );
    // Another tenant never falls back to the local tenant's short name.
    const error = await asTenant("globex", () => resolver.getPasswordAsync("octopus-prod")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CredentialNotFoundError);
    expect((error as CredentialNotFoundError).message).toContain('"octopus-prod"');
    expect((error as CredentialNotFoundError).message).toContain('"globex"');
    expect((error as Error).message).not.toContain("secret");
    expect(redactor.redact("local-short-secret default-long-secret acme-secret")).toBe(
      "[REDACTED] [REDACTED] [REDACTED]",
    );
  });

  it("treats an empty variable as unset and resolves nothing for tenants outside the allowed set", async () => {
    const resolver = new EnvCredentialResolver({
      scope,
      redactor: new SecretRedactor(),
      env,
      localTenant: "default",
      tenants: ["default"],
    });
    await expect(asTenant("default", () => resolver.getPasswordAsync("empty"))).rejects.toBeInstanceOf(
      CredentialNotFoundError,
    );
    await expect(asTenant("acme", () => resolver.getPasswordAsync("octopus-prod"))).rejects.toBeInstanceOf(
      CredentialNotFoundError,
    );
  });

  it("throws TenantContextUnavailableError outside a tenant scope", async () => {
    const resolver = new EnvCredentialResolver({
      scope,
      redactor: new SecretRedactor(),
      env,
      localTenant: "default",
    });
    await expect(resolver.getPasswordAsync("octopus-prod")).rejects.toBeInstanceOf(
      TenantContextUnavailableError,
    );
  });
});

describe("StaticCredentialResolver", () => {
  it("isolates tenants and registers every secret up front", async () => {
    const redactor = new SecretRedactor();
    const resolver = new StaticCredentialResolver(
      { a: { octopus: "secret-of-a" }, b: { octopus: "secret-of-b" } },
      { scope, redactor },
    );
    expect(redactor.redact("secret-of-a secret-of-b")).toBe("[REDACTED] [REDACTED]");
    await expect(asTenant("a", () => resolver.getPasswordAsync("octopus"))).resolves.toBe("secret-of-a");
    await expect(asTenant("b", () => resolver.getPasswordAsync("octopus"))).resolves.toBe("secret-of-b");
    await expect(asTenant("c", () => resolver.getPasswordAsync("octopus"))).rejects.toBeInstanceOf(
      CredentialNotFoundError,
    );
    await expect(asTenant("a", () => resolver.getPasswordAsync("toString"))).rejects.toBeInstanceOf(
      CredentialNotFoundError,
    );
  });

  it("keeps concurrent calls of different tenants apart", async () => {
    const resolver = new StaticCredentialResolver(
      { a: { octopus: "secret-of-a" }, b: { octopus: "secret-of-b" } },
      { scope, redactor: new SecretRedactor() },
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        asTenant(i % 2 ? "a" : "b", async () => {
          await new Promise((r) => setImmediate(r));
          return [i % 2 ? "a" : "b", await resolver.getPasswordAsync("octopus")];
        }),
      ),
    );
    for (const [tenant, secret] of results) expect(secret).toBe(`secret-of-${tenant}`);
  });
});

describe("FileCredentialResolver", () => {
  it("reads YAML per tenant and registers its secrets", async () => {
    const file = await writeCredentials(
      "credentials.yaml",
      "tenants:\n  default:\n    octopus: file-secret-1\n  acme:\n    octopus: 'file-secret-2'\n",
    );
    const redactor = new SecretRedactor();
    const resolver = await FileCredentialResolver.load(file, { scope, redactor });
    expect(redactor.redact("file-secret-2")).toBe("[REDACTED]");
    await expect(asTenant("default", () => resolver.getPasswordAsync("octopus"))).resolves.toBe(
      "file-secret-1",
    );
    await expect(asTenant("acme", () => resolver.getPasswordAsync("octopus"))).resolves.toBe("file-secret-2");
    await expect(asTenant("globex", () => resolver.getPasswordAsync("octopus"))).rejects.toBeInstanceOf(
      CredentialNotFoundError,
    );
  });

  it("reads JSON", async () => {
    const file = await writeCredentials(
      "credentials.json",
      JSON.stringify({ tenants: { t: { k: "json-secret" } } }),
    );
    const resolver = await FileCredentialResolver.load(file, { scope, redactor: new SecretRedactor() });
    await expect(asTenant("t", () => resolver.getPasswordAsync("k"))).resolves.toBe("json-secret");
  });

  it.skipIf(process.platform === "win32")(
    "refuses a group/world readable file with the chmod fix",
    async () => {
      const file = await writeCredentials("open.yaml", "tenants: { t: { k: open-secret } }\n", 0o644);
      const error = await FileCredentialResolver.load(file, { scope, redactor: new SecretRedactor() }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues).toEqual([
        {
          file,
          path: "",
          message: "the credentials file is accessible by group or others (mode 644)",
          fix: `chmod 600 ${file}`,
        },
      ]);
      expect((error as Error).message).not.toContain("open-secret");
    },
  );

  it("reports every shape problem without echoing secrets", async () => {
    const file = await writeCredentials(
      "bad.yaml",
      "extra: 1\ntenants:\n  a: { pin: 1234, ok: fine-secret-x }\n  b: just-a-string-secret\n",
    );
    const error = (await FileCredentialResolver.load(file, { scope, redactor: new SecretRedactor() }).catch(
      (e: unknown) => e,
    )) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.issues.map((i) => [i.path, i.message])).toEqual([
      ["/extra", 'unknown key "extra"'],
      ["/tenants/a/pin", "the secret must be a non-empty string, not number"],
      ["/tenants/b", "must be a mapping of credential IDs to secrets"],
    ]);
    expect(error.message).not.toContain("just-a-string-secret");
    expect(error.message).not.toContain("1234");
  });

  it("reports a syntax error by position only", async () => {
    const file = await writeCredentials("syntax.yaml", "tenants:\n  a: { k: 'unterminated-secret }\n");
    const error = (await FileCredentialResolver.load(file, { scope, redactor: new SecretRedactor() }).catch(
      (e: unknown) => e,
    )) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/YAML syntax error at line \d+, column \d+/);
    expect(error.message).not.toContain("unterminated-secret");
  });

  it("reports a missing file", async () => {
    const error = (await FileCredentialResolver.load(join(dir, "missing.yaml"), {
      scope,
      redactor: new SecretRedactor(),
    }).catch((e: unknown) => e)) as ConfigError;
    expect(error.issues[0]!.message).toContain("ENOENT");
  });

  it("reports a folder given as the credentials file", async () => {
    const folder = join(dir, "a-folder");
    await mkdir(folder, { mode: 0o700 });
    const error = (await FileCredentialResolver.load(folder, { scope, redactor: new SecretRedactor() }).catch(
      (e: unknown) => e,
    )) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.issues[0]!.message).toContain("EISDIR");
  });
});

describe("CompositeCredentialResolver and createCredentialResolver", () => {
  it("tries resolvers in order and throws CredentialNotFoundError when none has the ID", async () => {
    const redactor = new SecretRedactor();
    const first = new StaticCredentialResolver({ t: { a: "first-a" } }, { scope, redactor });
    const second = new StaticCredentialResolver({ t: { a: "second-a", b: "second-b" } }, { scope, redactor });
    const composite = new CompositeCredentialResolver([first, second], scope);
    await expect(asTenant("t", () => composite.getPasswordAsync("a"))).resolves.toBe("first-a");
    await expect(asTenant("t", () => composite.getPasswordAsync("b"))).resolves.toBe("second-b");
    const error = await asTenant("t", () => composite.getPasswordAsync("c")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialNotFoundError);
    expect(error).toMatchObject({ credentialId: "c", tenantId: "t" });
  });

  it("does not swallow other errors", async () => {
    const failing = { getPasswordAsync: () => Promise.reject(new Error("vault down")) };
    const composite = new CompositeCredentialResolver([failing], scope);
    await expect(asTenant("t", () => composite.getPasswordAsync("a"))).rejects.toThrow("vault down");
  });

  it("builds env-then-file from the config; unconfigured tenants get nothing from the environment", async () => {
    const file = await writeCredentials(
      "host-credentials.yaml",
      "tenants:\n  acme: { argo: file-argo-secret }\n",
    );
    const config = defaultHostConfig({
      localTenant: "default",
      tenants: { acme: {} },
      credentials: { file },
    });
    const redactor = new SecretRedactor();
    const resolver = await createCredentialResolver(config, scope, redactor, {
      OCTOPUS_MCP_CREDENTIAL_ACME__ARGO: "env-argo-secret",
      OCTOPUS_MCP_CREDENTIAL_OCTOPUS: "local-octopus",
      OCTOPUS_MCP_CREDENTIAL_STRANGER__OCTOPUS: "stranger-secret",
    });
    await expect(asTenant("acme", () => resolver.getPasswordAsync("argo"))).resolves.toBe("env-argo-secret");
    await expect(asTenant("default", () => resolver.getPasswordAsync("octopus"))).resolves.toBe(
      "local-octopus",
    );
    await expect(asTenant("stranger", () => resolver.getPasswordAsync("octopus"))).rejects.toBeInstanceOf(
      CredentialNotFoundError,
    );
    const fileOnly = await createCredentialResolver(
      defaultHostConfig({ credentials: { env: false, file } }),
      scope,
      redactor,
      { OCTOPUS_MCP_CREDENTIAL_ACME__ARGO: "env-argo-secret" },
    );
    await expect(asTenant("acme", () => fileOnly.getPasswordAsync("argo"))).resolves.toBe("file-argo-secret");
  });
});
