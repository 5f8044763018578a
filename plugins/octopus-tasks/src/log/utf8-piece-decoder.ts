/**
 * UTF-8 decoding of a byte stream piece by piece, with exactly the output of one
 * `new TextDecoder("utf-8")` used with `{ stream: true }` (WHATWG rules: U+FFFD for invalid bytes,
 * a leading BOM dropped), but each piece goes through a non-streaming `decode()`.
 *
 * Why: in Node 20 the streaming mode runs through ICU and was most of the log grep's CPU time
 * (about 270 ms per 100 MB of ASCII log against about 60 ms non-streaming, bench figure 5's log).
 *
 * How: a character cut at the end of a piece (at most 3 bytes) is carried and completed from the
 * continuation bytes at the start of the next piece, then decoded on its own. Every split point is
 * where a streaming decoder would hold no pending bytes, so the concatenated output is the same
 * (test/log/utf8-piece-decoder.test.ts compares them on random valid and invalid bytes).
 */

const NO_BYTES = new Uint8Array(0);

/** Total bytes of a sequence starting with `byte` (2..4), or 0 when `byte` cannot start one. */
function sequenceLength(byte: number): number {
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

export class Utf8PieceDecoder {
  readonly #decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  /** Start of a character cut by the previous piece (a copy, 1..3 bytes), or empty. */
  #carry: Uint8Array = NO_BYTES;
  /** Whether the stream's first character has been seen (a BOM there is dropped). */
  #started = false;

  /** Text of `bytes`, minus a cut character at its end (returned with the next piece). */
  decode(bytes: Uint8Array): string {
    let head = "";
    let body = bytes;
    if (this.#carry.length > 0) {
      const carry = this.#carry;
      const missing = sequenceLength(carry[0] as number) - carry.length;
      let take = 0;
      while (take < missing && take < bytes.length && isContinuation(bytes[take] as number)) take++;
      const joined = new Uint8Array(carry.length + take);
      joined.set(carry);
      joined.set(bytes.subarray(0, take), carry.length);
      if (take < missing && take === bytes.length) {
        // Still cut (tiny piece): keep waiting.
        this.#carry = joined;
        return "";
      }
      this.#carry = NO_BYTES;
      head = this.#decoder.decode(joined);
      body = bytes.subarray(take);
    }
    // A sequence cut at the end: its lead byte is among the last 3 bytes.
    let end = body.length;
    for (let i = body.length - 1; i >= 0 && i >= body.length - 3; i--) {
      const byte = body[i] as number;
      if (isContinuation(byte)) continue;
      if (sequenceLength(byte) > body.length - i) end = i;
      break;
    }
    // Copied: sources may reuse their buffers.
    if (end < body.length) this.#carry = body.slice(end);
    const rest = end === 0 ? "" : this.#decoder.decode(end === body.length ? body : body.subarray(0, end));
    return this.#dropBom(head.length === 0 ? rest : head + rest);
  }

  /** Text of a character still cut at the end of the stream (U+FFFD), else "". Resets the decoder. */
  end(): string {
    const carry = this.#carry;
    this.#carry = NO_BYTES;
    const text = carry.length === 0 ? "" : this.#dropBom(this.#decoder.decode(carry));
    this.#started = false;
    return text;
  }

  #dropBom(text: string): string {
    if (this.#started || text.length === 0) return text;
    this.#started = true;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}
