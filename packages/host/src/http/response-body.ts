/** Response body helpers: bounded text reads and the streaming body of `HttpClient.stream`. */

/**
 * Reads `body` as UTF-8 text, at most `maxBytes` of it; the rest is cancelled.
 * @returns the text and whether the body ended within the limit
 */
export async function readBodyText(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<{ text: string; complete: boolean }> {
  if (!body) return { text: "", complete: true };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let complete = false;
  try {
    while (size <= maxBytes) {
      const { done, value } = await reader.read();
      if (done) {
        complete = true;
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
    if (!complete) await reader.cancel();
  } finally {
    reader.releaseLock();
  }
  return { text: new TextDecoder().decode(Buffer.concat(chunks).subarray(0, maxBytes)), complete };
}

/** Reads at most `maxBytes` of `body` as UTF-8 text, then cancels the rest. */
export async function readLimitedText(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<string> {
  return (await readBodyText(body, maxBytes)).text;
}

/**
 * Wraps a web stream as the `HttpStreamResponse.body`: an async iterable of chunks, read as they
 * arrive (never buffered), plus `cancel()`. Leaving a `for await` loop early cancels the stream,
 * which releases the connection.
 */
export function toAsyncBody(
  stream: ReadableStream<Uint8Array>,
): AsyncIterable<Uint8Array> & { cancel(): Promise<void> } {
  return {
    async *[Symbol.asyncIterator]() {
      const reader = stream.getReader();
      let done = false;
      try {
        for (;;) {
          const next = await reader.read();
          if (next.done) {
            done = true;
            return;
          }
          yield next.value;
        }
      } finally {
        if (!done) await reader.cancel().catch(() => undefined);
        reader.releaseLock();
      }
    },
    cancel: () => (stream.locked ? Promise.resolve() : stream.cancel()),
  };
}
