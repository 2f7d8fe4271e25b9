// Losses for real-valued outputs: the output unit is linear (the identity).
import { abs, mul, sub, type Variable, where } from '@nabla/autograd';
import { ArgumentError, lt } from '@nabla/tensor';
import { floatInput, type LossInput, matchingTarget } from './inputs.js';
import { checkReduction, type ReductionOptions, reduce } from './reduction.js';

/**
 * Mean squared error, `(input − target)²` per element (PyTorch's `mse_loss`).
 *
 * Output unit: linear. Distribution: Gaussian — minimising squared error is maximising the
 * likelihood of `target ~ N(input, σ²)` for a fixed σ, so it is the loss for regression.
 * `input` and `target` must have the same shape; `'mean'` averages over every element.
 */
export function mseLoss(
  input: LossInput,
  target: LossInput,
  options: ReductionOptions = {},
): Variable {
  const op = 'mseLoss';
  const reduction = checkReduction(op, options.reduction);
  const x = floatInput(op, input);
  const d = sub(x, matchingTarget(op, x, target));
  return reduce(mul(d, d), reduction);
}

/**
 * Mean absolute error, `|input − target|` per element (PyTorch's `l1_loss`); its gradient at a
 * zero difference is 0.
 *
 * Output unit: linear. Distribution: Laplace — the maximum-likelihood loss for
 * `target ~ Laplace(input, b)`, less sensitive to outliers than squared error.
 */
export function l1Loss(
  input: LossInput,
  target: LossInput,
  options: ReductionOptions = {},
): Variable {
  const op = 'l1Loss';
  const reduction = checkReduction(op, options.reduction);
  const x = floatInput(op, input);
  return reduce(abs(sub(x, matchingTarget(op, x, target))), reduction);
}

export interface HuberLossOptions extends ReductionOptions {
  /** Where the loss changes from quadratic to linear, default 1 (must be > 0). */
  delta?: number;
}

/**
 * Huber loss (PyTorch's `huber_loss`): with d = input − target,
 * `½d²` where |d| < delta and `delta·(|d| − ½delta)` elsewhere — squared error for small
 * residuals, absolute error (scaled by delta) for outliers, continuous with a continuous slope.
 *
 * Output unit: linear. Distribution: Gaussian near the target with Laplace tails (a robust
 * regression loss).
 */
export function huberLoss(
  input: LossInput,
  target: LossInput,
  options: HuberLossOptions = {},
): Variable {
  const op = 'huberLoss';
  const reduction = checkReduction(op, options.reduction);
  const delta = options.delta ?? 1;
  if (typeof delta !== 'number' || !(delta > 0) || !Number.isFinite(delta)) {
    throw new ArgumentError(op, `delta must be a positive number, got ${String(delta)}`);
  }
  const x = floatInput(op, input);
  const d = sub(x, matchingTarget(op, x, target));
  const a = abs(d);
  const quadratic = mul(mul(d, d), 0.5);
  const linear = mul(sub(a, 0.5 * delta), delta);
  return reduce(where(lt(a.data, delta), quadratic, linear), reduction);
}
