/**
 * A chat webhook stand-in on 127.0.0.1 (free port): records every request and answers with the
 * queued responses (then `200 ok`), so tests can prove what was posted and how failures map.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedMessage {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: { text?: string; channel?: string };
}

export interface QueuedResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface FakeWebhook {
  /** Webhook URL with a secret-looking path, like Slack's. */
  readonly url: string;
  readonly received: ReceivedMessage[];
  respondWith(...responses: QueuedResponse[]): void;
  stop(): Promise<void>;
}

export const WEBHOOK_PATH = "/services/T0TEST/B0TEST/x7Qk2ZpLmN4vR8sW1yT6uE3o";

export async function startFakeWebhook(): Promise<FakeWebhook> {
  const received: ReceivedMessage[] = [];
  const queue: QueuedResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.url !== WEBHOOK_PATH || req.method !== "POST") {
        res.statusCode = 404;
        res.end("no_service");
        return;
      }
      received.push({
        path: req.url,
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
      });
      const next = queue.shift() ?? { status: 200, body: "ok" };
      res.writeHead(next.status, { "Content-Type": "text/plain", ...next.headers });
      res.end(next.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    received,
    respondWith: (...responses) => queue.push(...responses),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
