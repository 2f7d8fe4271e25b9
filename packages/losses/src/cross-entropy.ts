import {
  add,
  crossEntropyWithLogits,
  div,
  logSoftmax,
  mul,
  neg,
  sum,
  type Variable,
} from '@nabla/autograd';
import { ArgumentError, DTypeError, formatShape, ShapeError, type Tensor } from '@nabla/tensor';
import { checkMode, type InputCheckOptions, rowsAreProbabilities, suspect } from './check.js';
import { checkIgnoreIndex, classTargets, DEFAULT_IGNORE_INDEX } from './classes.js';
import { floatInput, type LossInput, toVariable, weightTensor } from './inputs.js';
import { checkReduction, type ReductionOptions } from './reduction.js';

export interface CrossEntropyOptions extends ReductionOptions, InputCheckOptions {
  /** A constant weight per class, `[C]`. */
  weight?: Tensor;
  /** Class-index targets equal to this count for nothing (default −100, PyTorch's). */
  ignoreIndex?: number;
  /**
   * Mixes the target with the uniform distribution: (1 − ε)·target + ε/C (Szegedy et al., 2016).
   * In [0, 1], default 0.
   */
  labelSmoothing?: number;
}

/**
 * Softmax cross-entropy from logits (PyTorch's `cross_entropy`), for `logits` `[N, C]` and
 * either int32 class indices `[N]` or class probabilities `[N, C]` as targets:
 *
 * - class targets: `w[t_i]·(logsumexp(z_i) − z_i[t_i])` per sample; samples whose target is
 *   `ignoreIndex` count for nothing; `'mean'` divides by the sum of the weights of the counted
 *   samples (Σ w[t_i], or their number without `weight`), exactly as PyTorch;
 * - probability targets: `−Σ_c w_c·y_ic·log softmax(z_i)_c`; `'mean'` divides by N;
 * - `labelSmoothing` ε: PyTorch's formula for both kinds of target (class targets:
 *   (1 − ε)·the loss above + ε/C·Σ_c w_c·(−log softmax(z_i)_c), with the same denominator).
 *
 * Output unit: softmax (applied here: pass logits). Distribution: multinomial (categorical) —
 * the negative log-likelihood of the class under `softmax(z)`. Stable for logits of any size:
 * log-softmax and the likelihood are one fused primitive with gradient `softmax(z) − onehot(t)`.
 *
 * Passing probabilities (a model ending in Softmax) trains badly without failing, so when every
 * row of `logits` lies in [0, 1] and sums to 1 this warns once (`check: 'error'` throws,
 * `check: 'off'` skips the test). Drop the Softmax: this loss applies it.
 */
export function crossEntropy(
  logits: LossInput,
  target: LossInput,
  options: CrossEntropyOptions = {},
): Variable {
  const op = 'crossEntropy';
  const reduction = checkReduction(op, options.reduction);
  const check = checkMode(op, options.check);
  const z = floatInput(op, logits, 'logits');
  if (z.rank !== 2) {
    throw new ShapeError(
      op,
      `logits must be [N, C] (a batch of score rows), got ${formatShape(z.shape)}; reshape a single row to [1, C]`,
    );
  }
  const [n, c] = z.shape as [number, number];
  if (check !== 'off' && rowsAreProbabilities(z.data.data, n, c)) {
    suspect(
      op,
      check,
      'every row of logits lies in [0, 1] and sums to 1: these look like probabilities, but crossEntropy applies softmax itself and wants logits (remove the final Softmax)',
    );
  }
  const epsilon = options.labelSmoothing ?? 0;
  if (typeof epsilon !== 'number' || !(epsilon >= 0 && epsilon <= 1)) {
    throw new ArgumentError(op, `labelSmoothing must lie in [0, 1], got ${String(epsilon)}`);
  }
  const t = toVariable(op, target, 'target');

  if (t.dtype !== 'int32') {
    // Probability targets.
    if (t.rank !== 2 || t.shape[0] !== n || t.shape[1] !== c) {
      throw new ShapeError(
        op,
        `target must be int32 class indices [${n}] or probabilities [${n}, ${c}], got ${t.dtype} ${formatShape(t.shape)}${t.rank === 1 ? "; convert class indices with astype(target, 'int32')" : ''}`,
      );
    }
    if (t.dtype !== z.dtype) {
      throw new DTypeError(
        op,
        `probability targets are ${t.dtype} but logits are ${z.dtype}; convert one with astype`,
      );
    }
    if (options.ignoreIndex !== undefined && options.ignoreIndex !== DEFAULT_IGNORE_INDEX) {
      throw new ArgumentError(
        op,
        'ignoreIndex applies to class-index targets only, not to probability targets',
      );
    }
    let y: Variable = t;
    if (epsilon > 0) y = add(mul(y, 1 - epsilon), epsilon / c);
    if (options.weight !== undefined) {
      y = mul(y, classWeightRow(op, options.weight, z));
    }
    // Rows need not sum to 1 here: the fused primitive takes weighted targets as they are.
    return crossEntropyWithLogits(z, y, { reduction });
  }

  // Class-index targets.
  const ignoreIndex = checkIgnoreIndex(op, options.ignoreIndex);
  if (options.weight === undefined && epsilon === 0 && plainClasses(t.data, n, c, ignoreIndex)) {
    // The training case (every target a class, no weights, no smoothing) is the fused op
    // itself: one node, no masks or per-sample weights to build and multiply.
    return crossEntropyWithLogits(z, t.data, { reduction });
  }
  const classes = classTargets(op, z, t.data, options.weight, ignoreIndex);
  const nll = mul(
    crossEntropyWithLogits(z, classes.safe, { reduction: 'none' }),
    classes.sampleWeights,
  );
  let smooth: Variable | null = null;
  if (epsilon > 0) {
    const logp = logSoftmax(z, { axis: 1 });
    const weighted = classes.classWeights === null ? logp : mul(logp, classes.classWeights);
    smooth = mul(neg(sum(weighted, { axis: 1 })), classes.mask);
  }
  const combine = (a: Variable, b: Variable | null): Variable =>
    b === null ? a : add(mul(a, 1 - epsilon), mul(b, epsilon / c));
  if (reduction === 'none') return combine(nll, smooth);
  if (reduction === 'sum') return combine(sum(nll), smooth && sum(smooth));
  const total = classes.totalWeight;
  return combine(div(sum(nll), total), smooth && div(sum(smooth), total));
}

/** Whether int32 targets are `[n]`, all classes in 0..c−1, none of them `ignoreIndex`. */
function plainClasses(target: Tensor, n: number, c: number, ignoreIndex: number): boolean {
  if (target.dtype !== 'int32' || target.rank !== 1 || target.shape[0] !== n) return false;
  const d = target.data;
  for (let i = 0; i < d.length; i++) {
    const k = d[i]!;
    if (k < 0 || k >= c || k === ignoreIndex) return false;
  }
  return true;
}

/** Class weights `[C]` as a `[1, C]` row that scales probability targets. */
function classWeightRow(op: string, weight: Tensor, z: Variable): Tensor {
  const c = z.shape[1]!;
  if (weight?.rank !== 1 || weight.shape[0] !== c) {
    throw new ShapeError(
      op,
      `weight must have shape [${c}] (one per class), got ${weight?.shape ? formatShape(weight.shape) : String(weight)}`,
    );
  }
  return weightTensor(op, 'weight', weight, z.dtype as 'float32' | 'float64', z.shape);
}
