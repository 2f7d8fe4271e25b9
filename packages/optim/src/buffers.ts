import type { FloatArray } from '@nabla/tensor';

/**
 * A zeroed state buffer of the parameter's element type and length: state lives in the
 * parameter's dtype, as in torch, and is allocated once, at the parameter's first step.
 */
export function bufferLike(param: FloatArray, fill = 0): FloatArray {
  const buffer =
    param instanceof Float32Array ? new Float32Array(param.length) : new Float64Array(param.length);
  if (fill !== 0) buffer.fill(fill);
  return buffer;
}
