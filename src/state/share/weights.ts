/**
 * Trained weights ⇄ the text a link carries. TF.js weight data is already little-endian bytes in
 * the order of its weight specs, so the bytes travel as they are, base64url-encoded; the link's
 * deflate then squeezes them a little further. Nothing is rounded: the recipient's model is
 * bit-for-bit the sender's.
 */
import { fromBase64Url, toBase64Url } from './compress';

export function encodeWeightData(data: ArrayBuffer): string {
  return toBase64Url(new Uint8Array(data));
}

/** Assumes `text` passed the share schema, which checks it against the weight specs. */
export function decodeWeightData(text: string): ArrayBuffer {
  const bytes = fromBase64Url(text) ?? new Uint8Array(0);
  return bytes.slice().buffer;
}
