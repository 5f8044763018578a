import { type Sandbox, startSandbox } from "../../src/index.js";

/** Parsed JSON of a response; tests read deep PascalCase fields and assert their values. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** Starts a sandbox for a test file; call the returned getter inside tests. */
export async function start(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  return startSandbox({ port: 0, taskStepMs: 5, ...options });
}

/** GET/POST against the Octopus API with the sandbox key; returns status, JSON (or text) and headers. */
export async function call(
  sb: Sandbox,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { "X-Octopus-ApiKey": sb.apiKey },
): Promise<{ status: number; json: Json; text: string; contentType: string }> {
  const res = await fetch(`${sb.octopusUrl}${path}`, {
    method,
    headers: { ...headers, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, contentType: res.headers.get("content-type") ?? "" };
}

/** Polls until `check` returns a value (no timed assertion: bounded by the test timeout). */
export async function until<T>(check: () => Promise<T | undefined>, intervalMs = 10): Promise<T> {
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
