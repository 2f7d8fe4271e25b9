// Weights must be finite to be worth keeping: a model or checkpoint file holding NaN or ±Infinity
// loads without complaint and then predicts nonsense, far from the run that produced it. This
// finds the first such value so the save paths can refuse it by name and position.
import { NablaError, Tensor, unravelIndex } from '@nabla/tensor';
import { entriesOf, type StateDictLike } from './state-dict.js';

/** A NaN or ±Infinity in a state dict: the tensor's key, its index (one per axis) and the value. */
export interface NonFiniteValue {
  readonly key: string;
  readonly index: readonly number[];
  readonly value: number;
}

/** The first non-finite element of `tensor` as an index per axis, or null if all are finite. */
export function firstNonFinite(tensor: Tensor): { index: number[]; value: number } | null {
  // Integer tensors cannot hold NaN or Infinity.
  if (tensor.dtype === 'int32') return null;
  const data = tensor.data;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    // v - v is 0 for every finite v and NaN for NaN and ±Infinity: one test, no call.
    if (v - v !== 0) return { index: unravelIndex(i, tensor.shape), value: v };
  }
  return null;
}

/** The first non-finite value of a state dict, in its key order, or null. */
export function findNonFinite(stateDict: StateDictLike): NonFiniteValue | null {
  for (const [key, value] of entriesOf('findNonFinite', stateDict)) {
    // Not a tensor: toSafetensors and loadStateDict report those; this looks at numbers only.
    if (!(value instanceof Tensor)) continue;
    const hit = firstNonFinite(value);
    if (hit !== null) return { key, ...hit };
  }
  return null;
}

/**
 * Weights that hold NaN or ±Infinity, refused where they would be kept (a model file, a
 * checkpoint, the end of a training epoch). `key` and `index` say where the first one is.
 */
export class NonFiniteWeightError extends NablaError {
  readonly key: string;
  readonly index: readonly number[];
  readonly value: number;

  constructor(op: string, found: NonFiniteValue, context: string) {
    super(
      op,
      `${JSON.stringify(found.key)} holds ${found.value} at index [${found.index.join(',')}]; ${context}`,
    );
    this.key = found.key;
    this.index = found.index;
    this.value = found.value;
  }
}
