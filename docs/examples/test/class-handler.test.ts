import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startTestHost } from "@octopus-mcp/testkit";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createStatusPlugin } from "../src/class-handler.js";

const KEY = "API-DOCSEXAMPLEKEY000000000000";
const server = createServer((req, res) => {
  res.statusCode = req.url === "/api" && req.headers["x-octopus-apikey"] === KEY ? 200 : 401;
  res.setHeader("Content-Type", "application/json");
  res.end("{}");
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it("resolves the class handler with its injected services and the config default", async () => {
  const host = await startTestHost({
    plugins: [createStatusPlugin],
    tenants: { default: { octopus: { serverUrl: url, credentialId: "octopus" } } },
    credentials: { default: { octopus: KEY } },
  });
  expect(await host.callTool("status_check_server", {})).toMatchObject({ ok: true, data: { status: 200 } });
});
