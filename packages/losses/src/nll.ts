import { div, gather, mul, neg, reshape, sum, type Variable } from '@nabla/autograd';
import { formatShape, ShapeError, type Tensor } from '@nabla/tensor';
import { checkMode, type InputCheckOptions, rowsAreProbabilities, suspect } from './check.js';
import { checkIgnoreIndex, classTargets } from './classes.js';
import { floatInput, type LossInput, toVariable } from './inputs.js';
import { checkReduction, type ReductionOptions } from './reduction.js';

export interface NllLossOptions extends ReductionOptions, InputCheckOptions {
  /** A constant weight per class, `[C]`. */
  weight?: Tensor;
  /** Targets equal to this count for nothing (default −100, PyTorch's). */
  ignoreIndex?: number;
}

/**
 * Negative log-likelihood of class indices (PyTorch's `nll_loss`): `−w[t_i]·input_i[t_i]` per
 * sample, for log-probabilities `input` `[N, C]` (a `LogSoftmax` output) and int32 targets `[N]`.
 * Samples whose target is `ignoreIndex` count for nothing; `'mean'` divides by the sum of the
 * weights of the counted samples, as PyTorch.
 *
 * Output unit: log-softmax. Distribution: multinomial — `nllLoss(logSoftmax(z), t)` equals
 * `crossEntropy(z, t)`, which is faster and the better choice.
 *
 * The input must be log-probabilities (all ≤ 0). Positive values (logits) or rows in [0, 1]
 * summing to 1 (probabilities: a Softmax instead of a LogSoftmax) warn once (`check: 'error'`
 * throws, `check: 'off'` skips the test).
 */
export function nllLoss(
  input: LossInput,
  target: LossInput,
  options: NllLossOptions = {},
): Variable {
  const op = 'nllLoss';
  const reduction = checkReduction(op, options.reduction);
  const check = checkMode(op, options.check);
  const x = floatInput(op, input);
  if (x.rank !== 2) {
    throw new ShapeError(op, `input must be log-probabilities [N, C], got ${formatShape(x.shape)}`);
  }
  const [n, c] = x.shape as [number, number];
  if (check !== 'off') {
    const data = x.data.data;
    if (rowsAreProbabilities(data, n, c)) {
      suspect(
        op,
        check,
        'every row of input lies in [0, 1] and sums to 1: these are probabilities, but nllLoss wants log-probabilities (use LogSoftmax, or crossEntropy on the logits)',
      );
    } else if (data.some((v) => v > 0)) {
      suspect(
        op,
        check,
        'input has positive values, so it is not log-probabilities (which are ≤ 0): for logits use crossEntropy, or apply logSoftmax first',
      );
    }
  }
  const t = toVariable(op, target, 'target').data;
  const classes = classTargets(op, x, t, options.weight, checkIgnoreIndex(op, options.ignoreIndex));
  const picked = reshape(gather(x, reshape(classes.safe, [n, 1]).data, { axis: 1 }), [n]);
  const losses = neg(mul(picked, classes.sampleWeights));
  if (reduction === 'none') return losses;
  if (reduction === 'sum') return sum(losses);
  return div(sum(losses), classes.totalWeight);
}
