/**
 * A tiny stand-in for an Octopus Server's root document (`GET /api`), bound to 127.0.0.1 on a
 * free port. It accepts one API key (header `X-Octopus-ApiKey`) and answers 401 with Octopus's
 * error body otherwise, so tests can prove which credential the plugin sent.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeOctopus {
  readonly url: string;
  /** Headers of every request received, in order. */
  readonly requests: {
    readonly method: string;
    readonly path: string;
    readonly headers: IncomingHttpHeaders;
  }[];
  stop(): Promise<void>;
}

export async function startFakeOctopus(options: { apiKey: string; version: string }): Promise<FakeOctopus> {
  const requests: FakeOctopus["requests"] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers });
    res.setHeader("Content-Type", "application/json");
    if (req.headers["x-octopus-apikey"] !== options.apiKey) {
      res.statusCode = 401;
      res.end(JSON.stringify({ ErrorMessage: "You must be logged in to request this resource." }));
      return;
    }
    if (req.method !== "GET" || req.url !== "/api") {
      res.statusCode = 404;
      res.end(JSON.stringify({ ErrorMessage: `No route for ${req.method} ${req.url}` }));
      return;
    }
    res.end(
      JSON.stringify({
        Application: "Octopus Deploy",
        Version: options.version,
        ApiVersion: "3.0.0",
        InstallationId: "7a3f0c52-2d0e-4a55-9f65-0b8e4f3c9d10",
        Links: { Self: "/api" },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
