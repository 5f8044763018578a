/**
 * Reads a JSON request body with a size limit, before the MCP SDK sees it (the SDK's own reader
 * has a fixed 4 MB cap we cannot configure).
 */
import type { IncomingMessage } from "node:http";

/** The body was bigger than allowed (HTTP 413). */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes.`);
    this.name = "BodyTooLargeError";
  }
}

/** The body is not JSON (HTTP 400, JSON-RPC -32700). */
export class BodyNotJsonError extends Error {
  constructor() {
    super("The request body is not valid JSON.");
    this.name = "BodyNotJsonError";
  }
}

/**
 * Reads and parses the body. An oversized body is refused from `Content-Length` when sent, else
 * while streaming; either way the rest is read and discarded up to 8x the limit (so the client
 * sees the 413 instead of a reset connection), beyond that the socket is destroyed.
 * @throws BodyTooLargeError, BodyNotJsonError, or the stream's error.
 */
export function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  return new Promise<unknown>((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    let tooLarge = Number.isFinite(declared) && declared > limitBytes;
    let received = 0;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) tooLarge = true;
      if (tooLarge) {
        chunks.length = 0;
        if (received > limitBytes * 8) {
          req.destroy();
          reject(new BodyTooLargeError(limitBytes));
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (tooLarge) return reject(new BodyTooLargeError(limitBytes));
      const text = Buffer.concat(chunks).toString("utf8");
      try {
        resolve(JSON.parse(text) as unknown);
      } catch {
        reject(new BodyNotJsonError());
      }
    });
    req.on("error", reject);
  });
}
