/**
 * Child process of figure 3 (one per round, so memory figures are clean): starts a host with
 * `plugins` x `tools` synthetic tools and measures host.start() (which validates every
 * registration: names, schemas under the host's rules, meta-schema and strict-mode checks; argument
 * validators compile on a tool's first call), the `tools/list`
 * latency over the in-memory transport (first page, and every page), and memory. Then, in the
 * same process, the same for a host with one no-op plugin (the baseline). Prints one JSON line.
 * Usage: node registry-child.js <plugins> <tools> <listCalls>   (run with --expose-gc)
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { ListToolsResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { createHost, defaultHostConfig } from "@octopus-mcp/host";
import type { IOctopusPlugin } from "@octopus-mcp/core";
import { nullDestination } from "../figures/host-overhead.js";
import { noopPlugin } from "../noop-plugin.js";
import { quantile } from "../stats.js";
import { syntheticPlugins } from "../synthetic-plugins.js";

const [pluginsArg, toolsArg, callsArg] = process.argv.slice(2);
const plugins = Number(pluginsArg);
const tools = Number(toolsArg);
const listCalls = Number(callsArg);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");

async function measure(pluginList: IOctopusPlugin[]) {
  gc?.();
  const before = process.memoryUsage();
  const host = createHost({
    config: defaultHostConfig({ logging: { level: "info", pretty: false }, credentials: { env: false } }),
    plugins: pluginList.map((plugin) => ({ plugin })),
    logDestination: nullDestination(),
  });
  const t0 = performance.now();
  await host.start();
  const startMs = performance.now() - t0;
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await host.connect(serverSide);
  const client = new Client({ name: "bench", version: "1.0.0" });
  await client.connect(clientSide);
  const firstPage: number[] = [];
  const allPages: number[] = [];
  let listed = 0;
  for (let i = 0; i < listCalls + 2; i++) {
    const t = performance.now();
    // client.request, not client.listTools: the latter also compiles every output schema with
    // Ajv on the client side, which is the client's cost, not the host's.
    const list = (cursor?: string) =>
      client.request({ method: "tools/list", params: cursor ? { cursor } : {} }, ListToolsResultSchema);
    let page = await list();
    const first = performance.now() - t;
    let count = page.tools.length;
    while (page.nextCursor) {
      page = await list(page.nextCursor);
      count += page.tools.length;
    }
    const all = performance.now() - t;
    if (i < 2) continue; // warm-up
    firstPage.push(first);
    allPages.push(all);
    listed = count;
  }
  gc?.();
  const after = process.memoryUsage();
  await client.close();
  await host.stop();
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  return {
    startMs,
    listed,
    firstPageP50: quantile(sorted(firstPage), 0.5),
    allPagesP50: quantile(sorted(allPages), 0.5),
    heapDeltaMB: (after.heapUsed - before.heapUsed) / 1048576,
    rssMB: after.rss / 1048576,
  };
}

const scaled = await measure(syntheticPlugins(plugins, tools));
if (scaled.listed !== plugins * tools)
  throw new Error(`listed ${scaled.listed} tools, expected ${plugins * tools}`);
const baseline = await measure([noopPlugin()]);
process.stdout.write(`${JSON.stringify({ scaled, baseline })}\n`);
