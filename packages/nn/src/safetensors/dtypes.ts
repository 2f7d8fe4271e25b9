import type { DType } from '@nabla/tensor';

/** The safetensors dtype codes Nabla reads and writes, and their element sizes in bytes. */
export const SAFETENSORS_DTYPE: Readonly<Record<DType, string>> = {
  float32: 'F32',
  float64: 'F64',
  int32: 'I32',
};

export const DTYPE_FROM_CODE: ReadonlyMap<string, DType> = new Map([
  ['F32', 'float32'],
  ['F64', 'float64'],
  ['I32', 'int32'],
]);

export const BYTES_PER_ELEMENT: Readonly<Record<DType, number>> = {
  float32: 4,
  float64: 8,
  int32: 4,
};

/** The reference writer's sort key: its Dtype enum order (… I32 < U32 < F32 < F64 …). */
export const DTYPE_ORDER: Readonly<Record<DType, number>> = {
  int32: 0,
  float32: 1,
  float64: 2,
};

/** Codes of the format that Nabla has no dtype for: named in the error, so it says "unsupported" not "unknown". */
export const OTHER_CODES: ReadonlySet<string> = new Set([
  'BOOL',
  'U8',
  'I8',
  'F8_E5M2',
  'F8_E4M3',
  'I16',
  'U16',
  'F16',
  'BF16',
  'U32',
  'I64',
  'U64',
]);

/** Typed arrays use the platform's byte order; safetensors is little-endian. */
export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
