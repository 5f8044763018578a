import { describe, expect, it } from "vitest";
import { DnsRebindingGuard, isLoopbackAddress } from "../../src/transport/dns-rebinding.js";

describe("DnsRebindingGuard", () => {
  it("accepts loopback names on any port by default and refuses others", () => {
    const guard = new DnsRebindingGuard("127.0.0.1");
    for (const host of ["localhost:3000", "127.0.0.1:1", "[::1]:8080", "LOCALHOST"])
      expect(guard.check(host, undefined)).toBeUndefined();
    for (const host of [
      "evil.example.com",
      "evil.example.com:3000",
      "127.0.0.1.evil.example:3000",
      undefined,
    ]) {
      expect(guard.check(host, undefined)?.header).toBe("host");
    }
  });

  it("checks Origin against the allowed hosts unless origins are listed", () => {
    const guard = new DnsRebindingGuard("127.0.0.1");
    expect(guard.check("localhost:3000", "http://localhost:3000")).toBeUndefined();
    expect(guard.check("localhost:3000", "http://evil.example.com")?.header).toBe("origin");
    expect(guard.check("localhost:3000", "null")?.header).toBe("origin");
    expect(guard.check("localhost:3000", "file:///etc/passwd")?.header).toBe("origin");
    const listed = new DnsRebindingGuard("0.0.0.0", {
      allowedHosts: ["mcp.example.com"],
      allowedOrigins: ["https://app.example.com"],
    });
    expect(listed.check("mcp.example.com", "https://app.example.com")).toBeUndefined();
    expect(listed.check("mcp.example.com", "https://mcp.example.com")?.header).toBe("origin");
  });

  it("matches host:port entries exactly and bare names on any port", () => {
    const guard = new DnsRebindingGuard("0.0.0.0", { allowedHosts: ["mcp.example.com:443", "internal"] });
    expect(guard.check("mcp.example.com:443", undefined)).toBeUndefined();
    expect(guard.check("mcp.example.com:8443", undefined)?.header).toBe("host");
    expect(guard.check("internal:9000", undefined)).toBeUndefined();
  });

  it('turns the Host check off only with ["*"] and needs allowed hosts for a non-loopback bind', () => {
    expect(
      new DnsRebindingGuard("0.0.0.0", { allowedHosts: ["*"] }).check("anything", undefined),
    ).toBeUndefined();
    expect(() => new DnsRebindingGuard("0.0.0.0")).toThrow(/allowedHosts/);
    expect(() => new DnsRebindingGuard("10.1.2.3")).toThrow(/not loopback/);
  });

  it("knows loopback addresses", () => {
    expect(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"].every(isLoopbackAddress)).toBe(true);
    expect(["0.0.0.0", "::", "10.0.0.1", "128.0.0.1"].some(isLoopbackAddress)).toBe(false);
  });
});
