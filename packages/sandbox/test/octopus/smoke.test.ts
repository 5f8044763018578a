import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox } from "../../src/index.js";
import { call, start } from "./helpers.js";

let sb: Sandbox;
beforeAll(async () => {
  sb = await start();
});
afterAll(async () => {
  await sb?.stop();
});

describe("smoke", () => {
  it("serves the root and projects", async () => {
    const root = await call(sb, "GET", "/api");
    expect(root.status).toBe(200);
    const p = await call(sb, "GET", "/api/Spaces-1/projects?take=100");
    console.log(p.status, p.json?.TotalResults, p.text.slice(0, 300));
    expect(p.json.TotalResults).toBe(12);
  });
});
