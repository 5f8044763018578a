import "reflect-metadata";
import { definePlugin } from "@octopus-mcp/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHost, type TestHost } from "../src/index.js";

const plugin = () =>
  definePlugin({
    manifest: {
      name: "@example/plugin-empty",
      version: "1.0.0",
      namespace: "empty",
      description: "Empty",
      hostVersion: "*",
    },
    onRegister() {},
    async onStartAsync() {},
    async onStopAsync() {},
  });

let fromBeforeAll: TestHost | undefined;

describe("a host started in beforeAll", () => {
  beforeAll(async () => {
    fromBeforeAll = await startTestHost({ plugins: [plugin] });
  });
  // Outside a test the testkit cannot register cleanup: the suite stops it.
  afterAll(async () => {
    await fromBeforeAll?.stop();
  });
  it("stays up across the suite's tests", () => {
    expect(fromBeforeAll?.host.state).toBe("started");
  });
  it("still up in the second test", () => {
    expect(fromBeforeAll?.host.state).toBe("started");
  });
});

describe("after that suite", () => {
  it("was stopped by the suite's own afterAll (not stopped after the first test)", () => {
    expect(fromBeforeAll?.host.state).toBe("stopped");
  });
});

describe("autoStop: false", () => {
  let manual: TestHost | undefined;
  afterAll(async () => {
    await manual?.stop();
  });
  it("leaves stopping to the caller", async () => {
    manual = await startTestHost({ plugins: [plugin], autoStop: false });
  });
  it("is still running in the next test", () => {
    expect(manual?.host.state).toBe("started");
  });
});
