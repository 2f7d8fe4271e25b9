// The IDX format (LeCun's MNIST files): a 4-byte magic number 0x00 0x00 <dtype code> <rank>,
// then `rank` big-endian uint32 dimensions, then the elements, big-endian, row-major.

export type IdxDType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

export type IdxData =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** A decoded IDX file: its element type, dimensions and elements (row-major). */
export interface IdxArray {
  readonly dtype: IdxDType;
  readonly shape: readonly number[];
  readonly data: IdxData;
}

interface DTypeInfo {
  readonly dtype: IdxDType;
  readonly code: number;
  readonly bytes: number;
}

export const IDX_DTYPES: readonly DTypeInfo[] = [
  { dtype: 'uint8', code: 0x08, bytes: 1 },
  { dtype: 'int8', code: 0x09, bytes: 1 },
  { dtype: 'int16', code: 0x0b, bytes: 2 },
  { dtype: 'int32', code: 0x0c, bytes: 4 },
  { dtype: 'float32', code: 0x0d, bytes: 4 },
  { dtype: 'float64', code: 0x0e, bytes: 8 },
];

export function dtypeByCode(code: number): DTypeInfo | undefined {
  return IDX_DTYPES.find((d) => d.code === code);
}

export function dtypeByName(dtype: string): DTypeInfo | undefined {
  return IDX_DTYPES.find((d) => d.dtype === dtype);
}

export function allocateIdx(dtype: IdxDType, size: number): IdxData {
  switch (dtype) {
    case 'uint8':
      return new Uint8Array(size);
    case 'int8':
      return new Int8Array(size);
    case 'int16':
      return new Int16Array(size);
    case 'int32':
      return new Int32Array(size);
    case 'float32':
      return new Float32Array(size);
    case 'float64':
      return new Float64Array(size);
  }
}

export function hex(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0')}`;
}

/** The two bytes every gzip stream starts with (RFC 1952); an IDX file starts with 0x00 0x00. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
