// Class-index targets: validation, the ignore mask and per-sample weights shared by
// crossEntropy and nllLoss.
import type { Variable } from '@nabla/autograd';
import {
  ArgumentError,
  allocate,
  DTypeError,
  formatShape,
  ShapeError,
  Tensor,
} from '@nabla/tensor';
import { weightTensor } from './inputs.js';

/** PyTorch's default `ignore_index`. */
export const DEFAULT_IGNORE_INDEX = -100;

export interface ClassTargets {
  /** The targets with ignored entries replaced by class 0 (they get weight 0), as int32 `[N]`. */
  safe: Tensor;
  /** Per-sample weights `[N]`: `weight[t_i]` (1 without class weights), 0 where ignored. */
  sampleWeights: Tensor;
  /** 1 where the target counts, 0 where it is ignored, `[N]`. */
  mask: Tensor;
  /** Σ sampleWeights: what `'mean'` divides by (PyTorch's rule). */
  totalWeight: number;
  /** The class weights in the input's dtype, or null. */
  classWeights: Tensor | null;
}

export function checkIgnoreIndex(op: string, ignoreIndex: unknown): number {
  const v = ignoreIndex ?? DEFAULT_IGNORE_INDEX;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new ArgumentError(op, `ignoreIndex must be an integer, got ${String(v)}`);
  }
  return v;
}

/** Checks int32 class targets `[N]` against `[N, C]` scores and builds masks and weights. */
export function classTargets(
  op: string,
  scores: Variable,
  target: Tensor,
  weight: Tensor | undefined,
  ignoreIndex: number,
): ClassTargets {
  const [n, c] = scores.shape as [number, number];
  if (target.dtype !== 'int32') {
    throw new DTypeError(op, `class targets must be int32, got ${target.dtype}`);
  }
  if (target.rank !== 1 || target.shape[0] !== n) {
    throw new ShapeError(
      op,
      `class targets must have shape [${n}] for input ${formatShape(scores.shape)}, got ${formatShape(target.shape)}`,
    );
  }
  const dtype = scores.dtype as 'float32' | 'float64';
  let classWeights: Tensor | null = null;
  if (weight !== undefined) {
    if (!(weight instanceof Tensor) || weight.rank !== 1 || weight.shape[0] !== c) {
      throw new ShapeError(
        op,
        `weight must be a Tensor of shape [${c}] (one per class), got ${weight instanceof Tensor ? formatShape(weight.shape) : String(weight)}`,
      );
    }
    classWeights = weightTensor(op, 'weight', weight, dtype, [c]);
  }
  const safe = new Int32Array(n);
  const sampleWeights = allocate(dtype, n);
  const mask = allocate(dtype, n);
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    const k = target.data[i]!;
    if (k === ignoreIndex) continue;
    if (k < 0 || k >= c) {
      throw new ArgumentError(
        op,
        `target class ${k} at sample ${i} is outside 0..${c - 1} (and is not ignoreIndex ${ignoreIndex})`,
      );
    }
    safe[i] = k;
    mask[i] = 1;
    sampleWeights[i] = classWeights === null ? 1 : classWeights.data[k]!;
    totalWeight += sampleWeights[i]!;
  }
  return {
    safe: new Tensor(safe, [n]),
    sampleWeights: new Tensor(sampleWeights, [n]),
    mask: new Tensor(mask, [n]),
    totalWeight,
    classWeights,
  };
}
