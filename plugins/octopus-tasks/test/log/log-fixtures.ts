/** Helpers shared by the log tests: deterministic synthetic Octopus-style logs and chunked sources. */

/** A deterministic pseudo-random generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEVELS = ["Info", "Info", "Info", "Verbose", "Verbose", "Warning", "Error"] as const;
const MESSAGES = [
  "Executing script on web-01",
  "Running step Deploy Checkout",
  "Downloading package Checkout.Web 1.4.2",
  "Unpacking package to C:\\Octopus\\Applications",
  "Exit code 0",
  "Connection refused (ECONNREFUSED) to db-01:5432",
  "Retrying in 5 seconds",
  "Health check passed",
  "Variable substitution in appsettings.json",
  "The remote script failed with exit code 1",
  "error: timeout waiting for rollout",
  "Ünïcödé line — naïve café",
];

/** An Octopus raw-log-like text (`HH:MM:SS   Level    | message`) of `lines` lines, `\n` endings. */
export function syntheticLog(lines: number, seed = 7): string {
  const next = random(seed);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const s = i % 60;
    const m = Math.floor(i / 60) % 60;
    const level = LEVELS[Math.floor(next() * LEVELS.length)] as string;
    const message = MESSAGES[Math.floor(next() * MESSAGES.length)] as string;
    const time = `10:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
    out.push(next() < 0.03 ? "" : `${time}   ${level.padEnd(8)} | ${message} #${i}`);
  }
  return out.join("\n") + "\n";
}

/** Splits `bytes` into chunks of pseudo-random sizes (1..maxChunk), to exercise split lines and UTF-8. */
export async function* chunked(bytes: Uint8Array, maxChunk = 97, seed = 3): AsyncGenerator<Uint8Array> {
  const next = random(seed);
  let offset = 0;
  while (offset < bytes.length) {
    const size = 1 + Math.floor(next() * maxChunk);
    yield bytes.subarray(offset, offset + size);
    offset += size;
  }
}

/** A source that records how many chunks were pulled and whether it was returned early. */
export function trackedSource(bytes: Uint8Array, chunkSize: number) {
  const state = { pulled: 0, returned: false, chunks: Math.ceil(bytes.length / chunkSize) };
  const iterable: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]() {
      let offset = 0;
      return {
        async next() {
          if (offset >= bytes.length) return { done: true, value: undefined };
          state.pulled++;
          const value = bytes.subarray(offset, offset + chunkSize);
          offset += chunkSize;
          return { done: false, value };
        },
        async return() {
          state.returned = true;
          return { done: true, value: undefined };
        },
      };
    },
  };
  return { iterable, state };
}
