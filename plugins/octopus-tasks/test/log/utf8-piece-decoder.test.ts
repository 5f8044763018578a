/**
 * Utf8PieceDecoder must produce exactly what one streaming TextDecoder produces for the same bytes
 * cut the same way, including invalid UTF-8 (U+FFFD rules) and a BOM, whatever the cut points.
 */
import { describe, expect, it } from "vitest";
import { Utf8PieceDecoder } from "../../src/log/utf8-piece-decoder.js";
import { random } from "./log-fixtures.js";

function streamingReference(pieces: readonly Uint8Array[]): string {
  const decoder = new TextDecoder("utf-8");
  return pieces.map((p) => decoder.decode(p, { stream: true })).join("") + decoder.decode();
}

function pieceDecoded(pieces: readonly Uint8Array[]): string {
  const decoder = new Utf8PieceDecoder();
  return pieces.map((p) => decoder.decode(p)).join("") + decoder.end();
}

function cut(bytes: Uint8Array, next: () => number, maxPiece: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length;) {
    const size = Math.floor(next() * (maxPiece + 1)); // empty pieces included
    pieces.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return pieces;
}

const encode = (text: string) => new TextEncoder().encode(text);

describe("Utf8PieceDecoder", () => {
  it("matches a streaming TextDecoder on valid multi-byte text cut at every offset", () => {
    const bytes = encode("a€b😀c\u00e9\ud7ff\ue000\u{10ffff}\n€€😀");
    for (let at = 0; at <= bytes.length; at++) {
      for (let at2 = at; at2 <= bytes.length; at2++) {
        const pieces = [bytes.subarray(0, at), bytes.subarray(at, at2), bytes.subarray(at2)];
        expect(pieceDecoded(pieces)).toBe(streamingReference(pieces));
      }
    }
  });

  it("matches it on random bytes biased to UTF-8 edge cases, cut at random points", () => {
    // Lead bytes of every length, valid and invalid continuation ranges (E0 80, ED A0, F4 90),
    // C0/C1/F5..FF, BOM bytes, newlines and ASCII.
    const alphabet = [
      0x41, 0x0a, 0x0d, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe2, 0xed, 0xef,
      0xbb, 0xf0, 0xf4, 0xf5, 0xff,
    ];
    const next = random(42);
    for (let round = 0; round < 3000; round++) {
      const length = Math.floor(next() * 40);
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i++) bytes[i] = alphabet[Math.floor(next() * alphabet.length)] as number;
      if (round % 7 === 0 && length >= 3) bytes.set([0xef, 0xbb, 0xbf], 0); // a BOM first
      const pieces = cut(bytes, next, 1 + Math.floor(next() * 6));
      expect(pieceDecoded(pieces), `bytes ${Array.from(bytes).join(",")}`).toBe(streamingReference(pieces));
    }
  });

  it("drops a BOM only at the start of the stream, even when the BOM is cut", () => {
    const bom = [0xef, 0xbb, 0xbf];
    const bytes = new Uint8Array([...bom, 0x41, ...bom, 0x42]);
    expect(pieceDecoded([bytes.subarray(0, 1), bytes.subarray(1, 5), bytes.subarray(5)])).toBe("A\ufeffB");
  });

  it("does not keep a reference to the caller's buffer for a cut character", () => {
    const buffer = new Uint8Array([0x41, 0xe2, 0x82]);
    const decoder = new Utf8PieceDecoder();
    expect(decoder.decode(buffer)).toBe("A");
    buffer.fill(0x41); // a source re-using its buffer
    expect(decoder.decode(new Uint8Array([0xac]))).toBe("€");
    expect(decoder.end()).toBe("");
  });
});
