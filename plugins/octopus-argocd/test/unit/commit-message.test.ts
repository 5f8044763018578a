import { describe, expect, it } from "vitest";
import { parseImageUpdateRequests } from "../../src/images/image-reference.js";
import { commitSubject, pullRequestBranch } from "../../src/updates/commit-message.js";

describe("commit messages", () => {
  const requests = parseImageUpdateRequests(["ghcr.io/acme/checkout:1.4.2"]);
  it("names the image, version and environment", () => {
    expect(commitSubject(requests, { project: "checkout", environment: "production" })).toBe(
      "Update checkout image to 1.4.2 for production (Octopus)",
    );
    expect(
      commitSubject(parseImageUpdateRequests(["ghcr.io/acme/checkout:1.4.2", "cart:2.0.1"]), {
        project: "shop",
        environment: "staging",
        tenant: "acme",
      }),
    ).toBe("Update checkout to 1.4.2, cart to 2.0.1 for staging/acme (Octopus)");
  });
  it("builds git-ref-safe pull-request branch names", () => {
    expect(
      pullRequestBranch("octopus/", { project: "Check Out", environment: "prod", tenant: "a..b" }, 36 ** 3),
    ).toBe("octopus/check-out-prod-a.b-1000");
  });
});
