import { DTypeError } from './errors.js';
import { allocateZeroed } from './pool.js';

export type DType = 'float32' | 'float64' | 'int32';
export type FloatDType = 'float32' | 'float64';
export type TypedArray = Float32Array | Float64Array | Int32Array;
export type FloatArray = Float32Array | Float64Array;

export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32'];

export function isDType(value: unknown): value is DType {
  return value === 'float32' || value === 'float64' || value === 'int32';
}

export function isFloatDType(dtype: DType): dtype is FloatDType {
  return dtype !== 'int32';
}

/** A zero-filled buffer (recycled from the buffer pool when one of that length is there). */
export function allocate(dtype: DType, size: number): TypedArray {
  return allocateZeroed(dtype, size);
}

export function dtypeOf(data: TypedArray): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  return 'int32';
}

/**
 * The dtype of a binary op's result, as in PyTorch: the wider float wins, and an integer meeting
 * a float becomes that float.
 */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === 'float64' || b === 'float64') return 'float64';
  return 'float32';
}

/** The float dtype an op on integers computes in (exp of an int32 tensor is float32, as in PyTorch). */
export function floatTypeOf(dtype: DType): FloatDType {
  return dtype === 'int32' ? 'float32' : dtype;
}

/** Whether `v` survives a store into an Int32Array unchanged. */
export function isInt32(v: number): boolean {
  return Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31;
}

export function checkDType(op: string, dtype: unknown): DType {
  if (!isDType(dtype)) {
    throw new DTypeError(
      op,
      `unknown dtype ${JSON.stringify(dtype)}; use 'float32', 'float64' or 'int32'`,
    );
  }
  return dtype;
}
