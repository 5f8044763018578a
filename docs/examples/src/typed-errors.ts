// Throw typed errors; the host turns them into the structured error body the agent sees:
// { "success": false, "error": "conflict", "message": "...", "retry_after": 30 }
import { ConflictError, InvalidArgumentsError, NotFoundError, RateLimitError } from "@octopus-mcp/core";

export function checkRelease(version: string, known: readonly string[], deploying: boolean): void {
  if (!/^\d+\.\d+\.\d+/.test(version)) {
    throw new InvalidArgumentsError(`"${version}" is not a release version.`, [
      { path: "/version", rule: "pattern", message: "Use a semantic version such as 1.4.2." },
    ]);
  }
  if (!known.includes(version)) {
    throw new NotFoundError(`Release ${version} does not exist. Latest: ${known.at(-1) ?? "none"}.`);
  }
  if (deploying) throw new ConflictError(`Release ${version} is being deployed; try again later.`, 30);
}

export function throttled(retryAfterSeconds: number): never {
  throw new RateLimitError(`Octopus rate limit reached; retry in ${retryAfterSeconds} s.`, retryAfterSeconds);
}
