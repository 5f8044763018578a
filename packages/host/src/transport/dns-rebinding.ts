/**
 * DNS-rebinding protection for the MCP endpoint (MCP spec 2025-11-25, Transports, "Security
 * Warning": servers MUST validate Origin; conformance `dns-rebinding-protection` expects a 4xx for
 * `Host: evil.example.com`). A request passes when its `Host` is allowed and its `Origin`, when
 * sent (browsers send it), is allowed too.
 */

/** Host names that mean "this machine". */
export const LOOPBACK_HOSTS: readonly string[] = ["localhost", "127.0.0.1", "[::1]"];

/** True for a loopback bind address (`127.0.0.1`, `::1`, `localhost`, `127.x.y.z`). */
export function isLoopbackAddress(host: string): boolean {
  return (
    host === "localhost" ||
    host === "::1" ||
    host === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

export interface HostAllowListOptions {
  /**
   * Allowed `Host` values: `name` (any port) or `name:port`, lower-case; IPv6 in brackets. `["*"]`
   * turns the Host check off (only behind a proxy that validates Host itself).
   * Default for a loopback bind: {@link LOOPBACK_HOSTS}. Required for any other bind address.
   */
  readonly allowedHosts?: readonly string[];
  /**
   * Allowed `Origin` values (exact, e.g. `https://app.example.com`). Default: any origin whose
   * host matches `allowedHosts` (same-host browser pages only).
   */
  readonly allowedOrigins?: readonly string[];
}

/** Why a request was refused (HTTP 403). */
export interface RebindingRefusal {
  readonly header: "host" | "origin";
  readonly message: string;
}

/** Checks Host/Origin headers of requests to one server. */
export class DnsRebindingGuard {
  readonly #hosts: readonly string[] | "any";
  readonly #origins: readonly string[] | undefined;

  /**
   * @param bindHost the address the server listens on.
   * @throws Error when `bindHost` is not loopback and `allowedHosts` is not configured.
   */
  constructor(bindHost: string, options: HostAllowListOptions = {}) {
    if (options.allowedHosts?.includes("*")) {
      this.#hosts = "any";
    } else if (options.allowedHosts && options.allowedHosts.length > 0) {
      this.#hosts = options.allowedHosts.map((h) => h.toLowerCase());
    } else if (isLoopbackAddress(bindHost)) {
      this.#hosts = LOOPBACK_HOSTS;
    } else {
      throw new Error(
        `The MCP endpoint binds ${bindHost}, which is not loopback, so DNS-rebinding protection needs the host ` +
          'names clients use: set server.http.allowedHosts (e.g. ["mcp.example.com"]), or ["*"] only behind a ' +
          "proxy that validates the Host header.",
      );
    }
    this.#origins = options.allowedOrigins;
  }

  /** `undefined` when allowed, else the refusal. Header values as Node gives them (lower-case names). */
  check(host: string | undefined, origin: string | undefined): RebindingRefusal | undefined {
    if (this.#hosts !== "any") {
      if (!host || !this.#hostAllowed(host.toLowerCase())) {
        return {
          header: "host",
          message: `Host header ${JSON.stringify((host ?? "").slice(0, 100))} is not allowed.`,
        };
      }
    }
    if (origin !== undefined) {
      if (!this.#originAllowed(origin)) {
        return {
          header: "origin",
          message: `Origin ${JSON.stringify(origin.slice(0, 100))} is not allowed.`,
        };
      }
    }
    return undefined;
  }

  #hostAllowed(host: string): boolean {
    if (this.#hosts === "any") return true;
    const name = hostName(host);
    return this.#hosts.some((allowed) => allowed === host || (!hasPort(allowed) && allowed === name));
  }

  #originAllowed(origin: string): boolean {
    if (this.#origins) return this.#origins.includes(origin);
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false; // includes the opaque "null" origin
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    return this.#hosts === "any" || this.#hostAllowed(url.host.toLowerCase());
  }
}

function hasPort(host: string): boolean {
  return host.startsWith("[") ? host.includes("]:") : host.includes(":");
}

function hostName(host: string): string {
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  const colon = host.indexOf(":");
  return colon === -1 ? host : host.slice(0, colon);
}
