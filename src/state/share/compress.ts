/**
 * Bytes ⇄ URL-safe text: deflate-raw through the platform's CompressionStream, then base64url
 * without padding. Decompression stops at a byte budget, so a crafted link (a "zip bomb" of a
 * few kB that inflates to gigabytes) cannot exhaust memory.
 */

export class InflateLimitError extends Error {
  override name = 'InflateLimitError';
}

async function pipeThrough(
  bytes: Uint8Array,
  transform: GenericTransformStream,
): Promise<ReadableStream<Uint8Array>> {
  const source = new Blob([bytes as BlobPart]).stream();
  return source.pipeThrough(transform as unknown as TransformStream<Uint8Array, Uint8Array>);
}

async function collect(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new InflateLimitError(`inflated data exceeds ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

export async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  return collect(await pipeThrough(bytes, new CompressionStream('deflate-raw')), Infinity);
}

export async function inflate(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  return collect(await pipeThrough(bytes, new DecompressionStream('deflate-raw')), maxBytes);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    if (b !== undefined) out += ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    if (c !== undefined) out += ALPHABET[c & 63]!;
  }
  return out;
}

/** Returns null for any character outside the base64url alphabet or an impossible length. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? LOOKUP[code]! : -1;
    if (digit < 0) return null;
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}
