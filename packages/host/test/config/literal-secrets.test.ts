import { describe, expect, it } from "vitest";
import { ConfigError, type ConfigIssue } from "../../src/config/config-error.js";
import { describeSecretShape, findLiteralSecrets, isSecretKey } from "../../src/config/literal-secrets.js";
import { parseConfig } from "../../src/config/load-config.js";

const API_KEY = "API-ABCDEFGHIJKLMNOPQRSTUVWXYZ12";
const JWT =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwidGlkIjoiYWNtZSJ9.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
const GITHUB = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("isSecretKey", () => {
  it.each([
    "password",
    "apiKey",
    "api_key",
    "API-KEY",
    "token",
    "clientSecret",
    "privateKey",
    "githubToken",
    "adminPassword",
    "passphrase",
    "secret",
  ])("%s names a secret", (key) => expect(isSecretKey(key)).toBe(true));
  it.each([
    "credentialId",
    "passwordCredentialId",
    "tokenCredentialId",
    "tokenUrl",
    "maxTokens",
    "secretName",
    "tokenTtlMs",
    "apiKeyHeader",
    "credentials",
    "tokenType",
  ])("%s does not", (key) => expect(isSecretKey(key)).toBe(false));
});

describe("describeSecretShape", () => {
  it.each([
    [API_KEY, "an Octopus API key"],
    [`prefix ${API_KEY} suffix`, "an Octopus API key"],
    [JWT, "a JWT"],
    [PEM, "a PEM private key"],
    [GITHUB, "a GitHub token"],
    ["xoxb-123456789012-abcdefghij", "a Slack token"],
    ["https://user:hunter22@git.example.com/repo.git", "a URL with an embedded password"],
    ["Server=db;User Id=sa;Password=hunter22;", "a connection string with a password"],
  ])("recognises %s", (value, kind) => expect(describeSecretShape(value)).toBe(kind));

  it.each([
    "API-KEY",
    "octopus-prod",
    "https://octopus.example.com/api",
    "https://user@git.example.com",
    "https://${USER}:${PASS}@x.example.com",
    "eyJ.short",
    "Spaces-1",
  ])("leaves %s alone", (value) => expect(describeSecretShape(value)).toBeUndefined());
});

describe("findLiteralSecrets", () => {
  it("finds secret keys and secret shapes anywhere, with pointers and without the value", () => {
    const issues = findLiteralSecrets(
      {
        tenants: { acme: { octopus: { serverUrl: "https://o.example.com", apiKey: "hunter2-literal" } } },
        plugins: [
          { package: "x", config: { nested: [{ note: JWT }], passwordCredentialId: "db", token: "" } },
        ],
        git: { [`https://x:${GITHUB}@github.com`]: "cred" },
      },
      "/etc/host.yaml",
    );
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      [
        "/tenants/acme/octopus/apiKey",
        '"apiKey" holds a literal secret; config files must not contain secrets',
      ],
      [
        "/plugins/0/config/nested/0/note",
        "this value looks like a JWT; config files must not contain secrets",
      ],
      ["/git", "a key of this object looks like a GitHub token; config files must not contain secrets"],
    ]);
    const text = JSON.stringify(issues);
    expect(text).not.toContain("hunter2-literal");
    expect(text).not.toContain(JWT);
    expect(text).not.toContain(GITHUB);
    expect(issues[0]!.fix).toContain("credentialId: <id>");
    expect(issues[0]!.fix).toContain("OCTOPUS_MCP_CREDENTIAL_ACME__<ID>");
    expect(issues[1]!.fix).toContain("OCTOPUS_MCP_CREDENTIAL_<ID>");
    expect(issues[1]!.fix).toContain("credentials file");
    expect(issues.every((i) => i.file === "/etc/host.yaml")).toBe(true);
  });

  it("honours basePath", () => {
    expect(findLiteralSecrets({ token: "abcdef" }, "f", "/plugins/2/config")[0]!.path).toBe(
      "/plugins/2/config/token",
    );
  });
});

describe("parseConfig refuses secrets", () => {
  it("refuses a literal API key under any key, together with schema errors", () => {
    const error = configErrorOf(() =>
      parseConfig(
        {
          tenants: {
            acme: { octopus: { serverUrl: "https://o.example.com", credentialId: API_KEY, apiKey: API_KEY } },
          },
          logging: { level: "chatty" },
        },
        { sourceFile: "/etc/host.yaml", env: {} },
      ),
    );
    const paths = error.issues.map((i: ConfigIssue) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/tenants/acme/octopus/credentialId",
        "/tenants/acme/octopus/apiKey",
        "/logging/level",
      ]),
    );
    expect(error.message).not.toContain(API_KEY);
  });

  it("refuses a secret that arrives through ${VAR} interpolation, naming the variable but not the value", () => {
    const error = configErrorOf(() =>
      parseConfig(
        {
          server: { name: "${MY_KEY}" },
          tenants: { acme: { plugins: { tasks: { note: "x ${SOME_JWT}" } } } },
        },
        { sourceFile: "/etc/host.yaml", env: { MY_KEY: API_KEY, SOME_JWT: JWT } },
      ),
    );
    expect(error.issues.map((i) => [i.path, i.message])).toEqual([
      [
        "/server/name",
        "${MY_KEY} expands to a value that looks like an Octopus API key; secrets must not flow through config",
      ],
      [
        "/tenants/acme/plugins/tasks/note",
        "${SOME_JWT} expands to a value that looks like a JWT; secrets must not flow through config",
      ],
    ]);
    expect(error.message).not.toContain(API_KEY);
    expect(error.message).not.toContain(JWT);
  });

  it("refuses a secret-named key even when it is interpolated", () => {
    const error = configErrorOf(() =>
      parseConfig(
        { plugins: [{ package: "p", config: { password: "${DB_PASSWORD}" } }] },
        {
          sourceFile: undefined,
          env: { DB_PASSWORD: "s3cr3t-value" },
        },
      ),
    );
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: "/plugins/0/config/password",
        message:
          '"password" takes a secret from an environment variable; secrets must not flow through config',
      }),
    ]);
    expect(error.message).not.toContain("s3cr3t-value");
  });

  it("accepts credential IDs and non-secret look-alike keys", () => {
    const config = parseConfig(
      {
        tenants: {
          acme: {
            octopus: { serverUrl: "https://o.example.com", credentialId: "octopus-prod" },
            plugins: {
              tasks: { tokenUrl: "https://login.example.com/token", maxTokens: 4000, secretName: "db" },
            },
          },
        },
      },
      { sourceFile: undefined, env: {} },
    );
    expect(config.tenants.acme?.octopus?.credentialId).toBe("octopus-prod");
  });
});
