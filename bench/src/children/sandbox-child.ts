/**
 * Child process of figure 7 (one per measurement): starts the sandbox at `scale`, waits for its
 * first Octopus API answer (the seed is generated lazily, so this includes seeding) and prints the
 * times since the process started, the CPU time used by then, the time until the Argo CD side is rendered
 * too, and memory after that. Usage: node sandbox-child.js <scale>  (--expose-gc)
 */
import { startSandbox } from "@octopus-mcp/sandbox";

const scale = Number(process.argv[2]);
// performance.now() counts from the process's time origin: module loading is included.
const sandbox = await startSandbox({ port: 0, scale, seed: 1 });
const listeningMs = performance.now();
const response = await fetch(`${sandbox.octopusUrl}/api/Spaces-1/dashboard`, {
  headers: { "X-Octopus-ApiKey": sandbox.apiKey },
});
if (response.status !== 200) throw new Error(`sandbox answered HTTP ${response.status}`);
await response.arrayBuffer();
const readyMs = performance.now();
const cpu = process.cpuUsage();
// Memory is read once everything is in place: the Argo CD applications render in the background.
await sandbox.seeded;
const seededMs = performance.now();
(globalThis as { gc?: () => void }).gc?.();
const memory = process.memoryUsage();
const peakRssMB = process.resourceUsage().maxRSS / 1024;
await sandbox.stop();
process.stdout.write(
  `${JSON.stringify({ scale, listeningMs, readyMs, seededMs, heapMB: memory.heapUsed / 1048576, rssMB: memory.rss / 1048576, peakRssMB, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`,
);
