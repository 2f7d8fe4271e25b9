import { peekGrad, Variable } from '@nabla/autograd';
import { ArgumentError, type TypedArray } from '@nabla/tensor';
import { checkNonNegative, showValue } from './validate.js';

export interface ClipGradNormOptions {
  /** Which p-norm: any p > 0, or Infinity for the largest magnitude; default 2. */
  normType?: number;
  /** Throw if the total norm is NaN or infinite, instead of scaling by it; default false. */
  errorIfNonfinite?: boolean;
}

/**
 * Rescales the gradients of `params` in place so that their total norm — the norm of all of
 * them concatenated into one vector — is at most `maxNorm` (torch.nn.utils.clip_grad_norm_),
 * and returns that total norm as it was before clipping. Parameters without a gradient are
 * skipped. Call it between `loss.backward()` and `opt.step()`.
 *
 * As in torch, the scale is maxNorm / (norm + 1e-6), capped at 1, so gradients under the limit
 * are left as they are; with a non-finite norm the gradients become NaN unless
 * `errorIfNonfinite` asks for an error.
 */
export function clipGradNorm(
  params: Iterable<Variable> | Variable,
  maxNorm: number,
  options: ClipGradNormOptions = {},
): number {
  const op = 'clipGradNorm';
  checkNonNegative(op, 'maxNorm', maxNorm);
  const normType = options.normType ?? 2;
  if (typeof normType !== 'number' || Number.isNaN(normType) || normType <= 0) {
    throw new ArgumentError(
      op,
      `normType must be a number > 0 or Infinity, got ${showValue(normType)}`,
    );
  }
  const grads = gradsOf(op, params);
  if (grads.length === 0) return 0;
  let total: number;
  if (normType === Number.POSITIVE_INFINITY) {
    total = 0;
    for (const g of grads) {
      for (let i = 0; i < g.length; i++) {
        const a = Math.abs(g[i]!);
        if (a > total || Number.isNaN(a)) total = a;
      }
    }
  } else {
    // As torch: the norm of the per-gradient norms, which is the norm of them all concatenated.
    let sum = 0;
    for (const g of grads) sum += pnorm(g, normType) ** normType;
    total = sum ** (1 / normType);
  }
  if (options.errorIfNonfinite && !Number.isFinite(total)) {
    throw new ArgumentError(
      op,
      `the total ${normType}-norm of the gradients is ${total}; they cannot be clipped (pass errorIfNonfinite: false to scale them anyway)`,
    );
  }
  const scale = Math.min(maxNorm / (total + 1e-6), 1);
  if (scale !== 1)
    forEachBuffer(grads, (g) => {
      for (let i = 0; i < g.length; i++) g[i] = g[i]! * scale;
    });
  return total;
}

/**
 * Clamps every gradient element of `params` into [−clipValue, clipValue], in place
 * (torch.nn.utils.clip_grad_value_). Parameters without a gradient are skipped.
 */
export function clipGradValue(params: Iterable<Variable> | Variable, clipValue: number): void {
  const op = 'clipGradValue';
  checkNonNegative(op, 'clipValue', clipValue);
  forEachBuffer(gradsOf(op, params), (g) => {
    for (let i = 0; i < g.length; i++) {
      const v = g[i]!;
      if (v > clipValue) g[i] = clipValue;
      else if (v < -clipValue) g[i] = -clipValue;
    }
  });
}

/** The p-norm of one gradient, in float64. */
function pnorm(g: TypedArray, p: number): number {
  let sum = 0;
  if (p === 2) {
    for (let i = 0; i < g.length; i++) sum += g[i]! * g[i]!;
    return Math.sqrt(sum);
  }
  if (p === 1) {
    for (let i = 0; i < g.length; i++) sum += Math.abs(g[i]!);
    return sum;
  }
  for (let i = 0; i < g.length; i++) sum += Math.abs(g[i]!) ** p;
  return sum ** (1 / p);
}

/** The gradient data of every parameter that has one. */
function gradsOf(op: string, params: Iterable<Variable> | Variable): TypedArray[] {
  const list = params instanceof Variable ? [params] : Array.from(params ?? []);
  const grads: TypedArray[] = [];
  list.forEach((p, i) => {
    if (!(p instanceof Variable)) {
      throw new ArgumentError(op, `params[${i}] must be a Variable, got ${showValue(p)}`);
    }
    // peekGrad: the buffers are scaled in place and let go, so they stay recyclable.
    const g = peekGrad(p);
    if (g !== null && g !== undefined) grads.push(g.data);
  });
  return grads;
}

/** Runs `fn` once per distinct buffer, so a gradient shared by two parameters is scaled once. */
function forEachBuffer(grads: TypedArray[], fn: (g: TypedArray) => void): void {
  for (const g of new Set(grads)) fn(g);
}
