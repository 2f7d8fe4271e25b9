// Losses for binary (and multi-label) classification: the output unit is the sigmoid.
import {
  add,
  clamp,
  binaryCrossEntropyWithLogits as fusedBinaryCrossEntropy,
  log,
  mul,
  neg,
  sub,
  type Variable,
} from '@nabla/autograd';
import { ArgumentError, type Tensor } from '@nabla/tensor';
import { floatInput, type LossInput, matchingTarget, weightTensor } from './inputs.js';
import { checkReduction, type ReductionOptions, reduce } from './reduction.js';

export interface BinaryCrossEntropyOptions extends ReductionOptions {
  /** A constant rescaling weight per element, broadcasting to the input's shape. */
  weight?: Tensor;
}

/**
 * Binary cross-entropy on probabilities (PyTorch's `binary_cross_entropy`):
 * `−w·[y·log(p) + (1 − y)·log(1 − p)]` per element, with each log clamped at −100 as PyTorch
 * does, so p = 0 or 1 gives a finite loss (and a zero, not NaN, gradient there).
 *
 * Output unit: sigmoid. Distribution: Bernoulli — the negative log-likelihood of `y` under
 * `Bernoulli(p)`. Prefer `binaryCrossEntropyWithLogits` on the logits: it is exact where
 * `log(sigmoid(z))` saturates. `input` must lie in [0, 1] — values outside are refused, as they
 * are the logits of a model with no sigmoid (pass them to `binaryCrossEntropyWithLogits`).
 * Targets lie in [0, 1] too (0/1 labels or soft labels).
 */
export function binaryCrossEntropy(
  input: LossInput,
  target: LossInput,
  options: BinaryCrossEntropyOptions = {},
): Variable {
  const op = 'binaryCrossEntropy';
  const reduction = checkReduction(op, options.reduction);
  const p = floatInput(op, input);
  const y = matchingTarget(op, p, target);
  inUnitInterval(
    op,
    'input',
    p.data.data,
    ' (logits? use binaryCrossEntropyWithLogits, which applies the sigmoid itself)',
  );
  inUnitInterval(op, 'target', y.data.data, '');
  // The smallest positive value of the dtype keeps log finite; the outer clamp makes the floor
  // exactly −100 as in PyTorch. 1 − p as PyTorch computes it (not log1p), to match its values.
  const tiny = p.dtype === 'float32' ? 2 ** -149 : Number.MIN_VALUE;
  const clampedLog = (v: Variable) => clamp(log(clamp(v, { min: tiny })), { min: -100 });
  const logP = clampedLog(p);
  const logQ = clampedLog(sub(1, p));
  let losses = neg(add(mul(y, logP), mul(sub(1, y), logQ)));
  if (options.weight !== undefined) {
    losses = mul(
      losses,
      weightTensor(op, 'weight', options.weight, p.dtype as 'float32' | 'float64', p.shape),
    );
  }
  return reduce(losses, reduction);
}

export interface BinaryCrossEntropyWithLogitsOptions extends BinaryCrossEntropyOptions {
  /**
   * Weight of the positive class (PyTorch's `pos_weight`), broadcasting against the input's
   * last axis (typically `[C]`, one per label): above 1 raises recall, below 1 precision.
   */
  posWeight?: Tensor | number;
}

/**
 * Binary cross-entropy on logits (PyTorch's `binary_cross_entropy_with_logits`):
 * `−w·[pw·y·log σ(z) + (1 − y)·log(1 − σ(z))]` per element, computed from the logits without
 * forming σ(z), so it is finite and exact for logits of any size (±1e4 included), with the
 * gradient `w·(σ(z) − y)` (for pw = 1).
 *
 * Output unit: sigmoid (applied here: pass raw logits, not probabilities). Distribution:
 * Bernoulli. Probabilities passed by mistake cannot be told from small logits, so nothing
 * warns: if the model ends in a Sigmoid, use `binaryCrossEntropy` or drop the Sigmoid.
 */
export function binaryCrossEntropyWithLogits(
  input: LossInput,
  target: LossInput,
  options: BinaryCrossEntropyWithLogitsOptions = {},
): Variable {
  const op = 'binaryCrossEntropyWithLogits';
  const reduction = checkReduction(op, options.reduction);
  const z = floatInput(op, input);
  const y = matchingTarget(op, z, target);
  const dtype = z.dtype as 'float32' | 'float64';
  let posWeight: Tensor | number | undefined = options.posWeight;
  if (typeof posWeight === 'number') {
    if (!Number.isFinite(posWeight))
      throw new ArgumentError(op, `posWeight must be finite, got ${posWeight}`);
  } else if (posWeight !== undefined) {
    posWeight = weightTensor(op, 'posWeight', posWeight, dtype, z.shape);
  }
  if (options.weight === undefined) {
    return fusedBinaryCrossEntropy(
      z,
      y,
      posWeight === undefined ? { reduction } : { posWeight, reduction },
    );
  }
  const losses = fusedBinaryCrossEntropy(
    z,
    y,
    posWeight === undefined ? { reduction: 'none' } : { posWeight, reduction: 'none' },
  );
  return reduce(mul(losses, weightTensor(op, 'weight', options.weight, dtype, z.shape)), reduction);
}

function inUnitInterval(op: string, name: string, data: ArrayLike<number>, hint: string): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!(v >= 0 && v <= 1)) {
      throw new ArgumentError(op, `${name} values must lie in [0, 1]; element ${i} is ${v}${hint}`);
    }
  }
}
