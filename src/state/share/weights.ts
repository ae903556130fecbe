/**
 * Network weights ⇄ the text a link carries: every tensor's float32 values, little-endian,
 * concatenated and base64url-encoded, with the shapes beside them. float32 is what the networks
 * train in, so nothing is lost; the link's deflate then squeezes the bytes a little further.
 */
import { fromBase64Url, toBase64Url } from './compress';

export interface WeightTensor {
  shape: number[];
  values: Float32Array;
}

export interface PackedWeights {
  shapes: number[][];
  data: string;
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function packWeights(tensors: readonly WeightTensor[]): PackedWeights {
  const total = tensors.reduce((sum, t) => sum + t.values.length, 0);
  const bytes = new Uint8Array(total * 4);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const tensor of tensors) {
    if (sizeOf(tensor.shape) !== tensor.values.length) {
      throw new RangeError(`shape ${tensor.shape.join('×')} does not hold ${tensor.values.length}`);
    }
    for (const value of tensor.values) {
      view.setFloat32(offset, value, true);
      offset += 4;
    }
  }
  return { shapes: tensors.map((t) => [...t.shape]), data: toBase64Url(bytes) };
}

/** Assumes `packed` passed the share schema, which checks that data and shapes agree. */
export function unpackWeights(packed: PackedWeights): WeightTensor[] {
  const bytes = fromBase64Url(packed.data) ?? new Uint8Array(0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  return packed.shapes.map((shape) => {
    const values = new Float32Array(sizeOf(shape));
    for (let i = 0; i < values.length && offset + 4 <= bytes.byteLength; i++) {
      values[i] = view.getFloat32(offset, true);
      offset += 4;
    }
    return { shape: [...shape], values };
  });
}
