/**
 * Git HTTPS credentials reach the server through the askpass helper (never the URL or arguments):
 * a 127.0.0.1 server demands Basic auth and records what git sends.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitWorkspace } from "../../src/git/git-workspace.js";

let server: Server;
let url: string;
const seen: (string | undefined)[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    if (!req.headers.authorization) {
      res.writeHead(401, { "WWW-Authenticate": 'Basic realm="git"' });
      return res.end();
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/octo-shop/gitops.git`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("git credentials over HTTP", () => {
  it("sends the credential as Basic auth via askpass, and keeps it out of errors", async () => {
    const error = await GitWorkspace.clone({
      repoURL: url,
      branch: "main",
      auth: { username: "bot", password: "s3cret-token" },
      timeoutMs: 20_000,
    }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect(seen).toContain(`Basic ${Buffer.from("bot:s3cret-token").toString("base64")}`);
    expect(String((error as Error).message)).not.toContain("s3cret-token");
  });

  it("without a credential git does not prompt and fails cleanly", async () => {
    seen.length = 0;
    const error = await GitWorkspace.clone({ repoURL: url, branch: "main", timeoutMs: 20_000 }).catch(
      (e: unknown) => e as Error,
    );
    expect((error as Error).message).toMatch(/git clone failed/);
    expect(seen.every((h) => h === undefined)).toBe(true);
  });
});
