/**
 * A generated Octopus-style task log (`HH:MM:SS   Category  |   text` lines, as the raw task log
 * endpoint serves them) of a given size, written to a file for the grep figure. Deterministic:
 * the same size gives the same file. About one line in 200 is an error line.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";

const INFO = [
  "Acquiring isolated mutex RunningScript for step Deploy Helm chart",
  "Executing script on 'k8s-worker-03'",
  "Pulling image ghcr.io/octo-shop/checkout:2.6.4 from registry",
  "deployment.apps/checkout configured; waiting for rollout to finish: 1 of 3 updated replicas are available",
  "Package checkout.2.6.4.nupkg verified (sha256 8c0f4f3d2a...)",
  "Substituting variables in templates/deployment.yaml",
];
const VERBOSE = [
  "Calamari version 40.1.2, running on Linux x64",
  "Environment variable OCTOPUS_ENVIRONMENT=Staging",
  "Exit code: 0",
];
const ERROR =
  "Error: migration 2024_11_04_add_index failed: deadlock detected while waiting for ShareLock on transaction";

/** Writes about `bytes` bytes of log to `file`; resolves to the exact size written and the error-line count. */
export async function writeGeneratedLog(
  file: string,
  bytes: number,
): Promise<{ bytes: number; errorLines: number }> {
  const out = createWriteStream(file);
  let written = 0;
  let line = 0;
  let errorLines = 0;
  while (written < bytes) {
    const chunk: string[] = [];
    for (let i = 0; i < 2000; i++, line++) {
      const s = line % 86_400;
      const time = `${String(Math.floor(s / 3600)).padStart(2, "0")}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
      if (line % 200 === 199) {
        chunk.push(`${time}   Error    |       ${ERROR} (attempt ${line})`);
        errorLines++;
      } else if (line % 3 === 0)
        chunk.push(`${time}   Verbose  |       ${VERBOSE[line % VERBOSE.length] as string}`);
      else chunk.push(`${time}   Info     |       ${INFO[line % INFO.length] as string} #${line}`);
    }
    const text = `${chunk.join("\n")}\n`;
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return { bytes: written, errorLines };
}
