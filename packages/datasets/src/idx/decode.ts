import { ArgumentError, unravelIndex } from '@nabla/tensor';
import { IdxError } from '../errors.js';
import { firstNonFiniteIndex } from '../finite.js';
import { allocateIdx, dtypeByCode, hex, IDX_DTYPES, type IdxArray, isGzip } from './format.js';

export interface DecodeIdxOptions {
  /** Name used in error messages, e.g. the file name. */
  name?: string;
  /**
   * Accept NaN and ±Infinity in float32/float64 files (default false: the first one is an
   * IdxError naming its byte offset, element index and sample).
   */
  allowNonFinite?: boolean;
}

/**
 * Decodes the bytes of an uncompressed IDX file, checking the magic number, the dtype code, the
 * rank, every dimension and that the length is exactly header + elements. Synchronous; for
 * gzipped bytes use `parseIdx`, which inflates first. The result owns its data (a copy).
 *
 * Never allocates more than the input's size: the element count is checked against the bytes
 * present before anything is allocated, so random or hostile input only ever raises IdxError.
 */
export function decodeIdx(
  bytes: Uint8Array | ArrayBuffer,
  options: DecodeIdxOptions = {},
): IdxArray {
  return decodeIdxAt(
    'decodeIdx',
    asBytes('decodeIdx', bytes),
    options.name,
    '',
    false,
    options.allowNonFinite ?? false,
  );
}

/**
 * `where` is appended to offsets in messages (' of the inflated data' for gzip input). `owned`
 * says nobody else holds `bytes` (freshly inflated), so byte data may be a view instead of a copy.
 */
export function decodeIdxAt(
  op: string,
  bytes: Uint8Array,
  name: string | undefined,
  where: string,
  owned: boolean,
  allowNonFinite: boolean,
): IdxArray {
  const error = (offset: number, expected: string, found: string) =>
    new IdxError(op, offset, expected, found, `${where}${name ? ` of ${name}` : ''}`);
  if (bytes.length < 4) {
    throw error(
      bytes.length,
      'a 4-byte IDX magic number (0x00 0x00 <dtype> <rank>)',
      'the end of input',
    );
  }
  if (isGzip(bytes)) {
    throw error(
      0,
      'an IDX magic number 0x00 0x00',
      'gzip magic 0x1f 0x8b (use parseIdx, which inflates)',
    );
  }
  for (const offset of [0, 1]) {
    if (bytes[offset] !== 0) {
      throw error(
        offset,
        '0x00 (an IDX magic number starts with two zero bytes)',
        hex(bytes[offset]!),
      );
    }
  }
  const info = dtypeByCode(bytes[2]!);
  if (info === undefined) {
    const known = IDX_DTYPES.map((d) => `${hex(d.code)} (${d.dtype})`).join(', ');
    throw error(2, `a dtype code, one of ${known}`, hex(bytes[2]!));
  }
  const { dtype, bytes: itemBytes } = info;
  const rank = bytes[3]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  for (let i = 0; i < rank; i++) {
    const offset = 4 + 4 * i;
    if (offset + 4 > bytes.length) {
      throw error(
        offset,
        `dimension ${i} of ${rank} (a 4-byte big-endian integer)`,
        'the end of input',
      );
    }
    shape.push(view.getUint32(offset, false));
  }
  const start = 4 + 4 * rank;
  // A product of uint32s may exceed 2^53, but then it also exceeds any real input's length,
  // which is all the comparisons below need.
  const count = shape.reduce((a, d) => a * d, 1);
  const need = count * itemBytes;
  const have = bytes.length - start;
  const what = `[${shape.join(',')}] of ${dtype}`;
  if (have < need) {
    throw error(
      bytes.length,
      `${need} data bytes for shape ${what}`,
      `the end of input after ${have}`,
    );
  }
  if (have > need) {
    throw error(
      start + need,
      `the end of the file (shape ${what} needs ${need} data bytes)`,
      `${have - need} extra byte(s)`,
    );
  }
  if (owned && dtype === 'uint8') return { dtype, shape, data: bytes.subarray(start) };
  const data = readElements(view, start, dtype, count);
  if (!allowNonFinite && (dtype === 'float32' || dtype === 'float64')) {
    const flat = firstNonFiniteIndex(data);
    if (flat >= 0) {
      const index = unravelIndex(flat, shape);
      const sample = shape.length > 1 ? `, sample ${index[0]}` : '';
      throw error(
        start + flat * itemBytes,
        `a finite ${dtype} (element ${flat}, index [${index.join(',')}]${sample}; pass allowNonFinite to accept it)`,
        String(data[flat]),
      );
    }
  }
  return { dtype, shape, data };
}

function readElements(view: DataView, start: number, dtype: IdxArray['dtype'], count: number) {
  const out = allocateIdx(dtype, count);
  switch (dtype) {
    case 'uint8':
    case 'int8':
      new Uint8Array(out.buffer).set(new Uint8Array(view.buffer, view.byteOffset + start, count));
      break;
    case 'int16':
      for (let i = 0; i < count; i++) out[i] = view.getInt16(start + 2 * i, false);
      break;
    case 'int32':
      for (let i = 0; i < count; i++) out[i] = view.getInt32(start + 4 * i, false);
      break;
    case 'float32':
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(start + 4 * i, false);
      break;
    case 'float64':
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(start + 8 * i, false);
      break;
  }
  return out;
}

export function asBytes(op: string, bytes: unknown): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  throw new ArgumentError(op, 'bytes must be a Uint8Array (or Buffer) or an ArrayBuffer');
}
