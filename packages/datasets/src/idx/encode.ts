import { ArgumentError } from '@nabla/tensor';
import { show } from '../options.js';
import { dtypeByName, type IdxDType } from './format.js';

export interface EncodeIdxInput {
  readonly dtype: IdxDType;
  readonly shape: readonly number[];
  /** The elements, row-major; their count must be the product of `shape`. */
  readonly data: ArrayLike<number>;
}

/**
 * Writes an IDX file (uncompressed): the inverse of `decodeIdx`. Used by the sample script and
 * the tests; handy for writing your own data in MNIST's format.
 */
export function encodeIdx(input: EncodeIdxInput): Uint8Array {
  const op = 'encodeIdx';
  const info = dtypeByName(input.dtype);
  if (info === undefined) throw new ArgumentError(op, `unknown IDX dtype ${show(input.dtype)}`);
  const { shape, data } = input;
  if (shape.length > 255) throw new ArgumentError(op, `rank ${shape.length} exceeds 255`);
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0 || d > 0xffffffff) {
      throw new ArgumentError(
        op,
        `dimensions must be integers in [0, 2^32), got [${shape.join(',')}]`,
      );
    }
  }
  const count = shape.reduce((a, d) => a * d, 1);
  if (data.length !== count) {
    throw new ArgumentError(
      op,
      `shape [${shape.join(',')}] needs ${count} elements, data has ${data.length}`,
    );
  }
  const start = 4 + 4 * shape.length;
  const out = new Uint8Array(start + count * info.bytes);
  const view = new DataView(out.buffer);
  out[2] = info.code;
  out[3] = shape.length;
  shape.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d, false);
  });
  for (let i = 0; i < count; i++) {
    const v = data[i]!;
    const at = start + i * info.bytes;
    switch (info.dtype) {
      case 'uint8':
        view.setUint8(at, v);
        break;
      case 'int8':
        view.setInt8(at, v);
        break;
      case 'int16':
        view.setInt16(at, v, false);
        break;
      case 'int32':
        view.setInt32(at, v, false);
        break;
      case 'float32':
        view.setFloat32(at, v, false);
        break;
      case 'float64':
        view.setFloat64(at, v, false);
        break;
    }
  }
  return out;
}
