// NaN and ±Infinity in data, found before training: a single NaN input turns every weight it
// reaches into NaN at the first step, far from the file or array it came from. Each check names
// the position, so the value can be found and fixed at its source.
import { formatShape, type Tensor, unravelIndex } from '@nabla/tensor';
import { NonFiniteDataError } from './errors.js';

/** The flat index of the first NaN or ±Infinity in `data`, or -1. */
export function firstNonFiniteIndex(data: ArrayLike<number>): number {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    // v - v is 0 for every finite v, NaN for NaN and ±Infinity.
    if (v - v !== 0) return i;
  }
  return -1;
}

/**
 * Throws `NonFiniteDataError` if `tensor` (the `what` of a data set: 'x' or 'y', samples along
 * axis 0) holds NaN or ±Infinity, naming the sample, the feature within it and the full index.
 * Integer tensors pass without a look.
 */
export function checkFiniteTensor(op: string, what: string, tensor: Tensor): void {
  if (tensor.dtype === 'int32') return;
  const flat = firstNonFiniteIndex(tensor.data);
  if (flat < 0) return;
  const perSample = tensor.rank === 0 ? 1 : tensor.size / tensor.shape[0]!;
  throw new NonFiniteDataError(op, {
    what,
    sample: Math.floor(flat / perSample),
    feature: flat % perSample,
    index: unravelIndex(flat, tensor.shape),
    value: tensor.data[flat]!,
    shape: formatShape(tensor.shape),
  });
}
