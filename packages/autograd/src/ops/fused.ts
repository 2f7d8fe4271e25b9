// Fused primitives for training: each one node instead of several, and numerically stable where
// the composite would not be. Their gradients are derived once here; @nabla/losses builds the
// PyTorch-style options (weight, ignoreIndex, labelSmoothing, ...) on the per-sample form.
import * as raw from '@nabla/tensor';
import {
  ArgumentError,
  allocate,
  allocateUninitialized,
  DTypeError,
  type FloatArray,
  formatShape,
  type Shape,
  ShapeError,
  Tensor,
} from '@nabla/tensor';
import { softplusScalar } from '../kernels.js';
import {
  checkFloatMix,
  type Grads,
  type Node,
  type OpDef,
  operand,
  recordingAny,
  result,
  toVariable,
} from '../node.js';
import type { Variable } from '../variable.js';
import { type Ops, tensorOps } from './ops.js';

/** How per-sample losses are combined, with PyTorch's names. */
export type Reduction = 'mean' | 'sum' | 'none';

function checkReduction(op: string, reduction: unknown): Reduction {
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new ArgumentError(
      op,
      `reduction must be 'mean', 'sum' or 'none', got ${String(reduction)}`,
    );
  }
  return reduction;
}

/** Scales the incoming gradient of a reduced loss back to per-element form. */
function perElement<T>(o: Ops<T>, g: T, reduction: Reduction, count: number, shape: Shape): T {
  if (reduction === 'none') return o.shape(g).length === shape.length ? g : o.reshape(g, shape);
  return reduction === 'mean' ? o.div(g, count) : g;
}

/** Combines per-element losses (a fresh tensor) as `reduction` says. */
function reduce(losses: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none') return losses;
  const total = raw.sum(losses);
  if (reduction === 'mean') total.data[0] = total.data[0]! / losses.size;
  // The per-element losses were a temporary of this op alone.
  raw.release(losses);
  return total;
}

// ---------------------------------------------------------------------------------------------
// Softmax cross-entropy from logits

interface CrossEntropySaved {
  /** Softmax probabilities `[N, C]`. */
  probs: Tensor;
  /** Row-wise logsumexp `[N, 1]`, for the gradient with respect to probability targets. */
  lse: Tensor;
  /** Class indices `[N]` (int32), or null when the targets are probabilities (input 1). */
  classes: Tensor | null;
  reduction: Reduction;
}

const lseRows = <U>(o: Ops<U>, z: U): U => o.logsumexp(z, { axis: 1, keepDims: true });
const softmaxRows = <U>(o: Ops<U>, z: U): U => o.exp(o.sub(z, lseRows(o, z)));

const CROSS_ENTROPY: OpDef<CrossEntropySaved> = {
  name: 'crossEntropyWithLogits',
  fast: (g, n) => crossEntropyFast(g, n),
  free: (saved) => {
    raw.release(saved.probs);
    raw.release(saved.lse);
  },
  backward: (o, g, n) => {
    const { probs, lse, classes, reduction } = n.saved;
    const z = n.input(0);
    const [rows, cols] = z.shape as [number, number];
    const scale = perElement(o, g, reduction, rows, [rows, 1]);
    const p = o.cached(probs, z, softmaxRows);
    if (classes !== null) {
      // loss = lse(z) − z[t]: d/dz = softmax(z) − onehot(t).
      const onehot = raw.oneHot(classes, cols, { dtype: z.dtype });
      return [o.mul(o.sub(p, o.constant(onehot)), scale)];
    }
    // loss = Σ_c y_c (lse − z_c): d/dz = softmax(z)·Σ_c y_c − y, d/dy = lse − z = −logSoftmax(z).
    const y = o.lift(n.input(1));
    return [
      n.needs(0) ? o.mul(o.sub(o.mul(p, o.sum(y, { axis: 1, keepDims: true })), y), scale) : null,
      n.needs(1) ? o.mul(o.sub(o.cached(lse, z, lseRows), o.lift(z)), scale) : null,
    ];
  },
};

/** `(softmax(z) − onehot(t)) · scale` in one pass, for class targets (the training case). */
function crossEntropyFast(g: Tensor, n: Node<CrossEntropySaved>): Grads<Tensor> {
  const { probs, classes, reduction } = n.saved;
  if (classes === null) return CROSS_ENTROPY.backward(tensorOps, g, n);
  const [rows, cols] = probs.shape as [number, number];
  const out = allocateUninitialized(probs.dtype, rows * cols) as FloatArray;
  const p = probs.data;
  const t = classes.data;
  const gd = g.data;
  const whole = reduction === 'mean' ? gd[0]! / rows : gd[0]!;
  for (let i = 0; i < rows; i++) {
    const scale = reduction === 'none' ? gd[i]! : whole;
    const base = i * cols;
    for (let c = 0; c < cols; c++) out[base + c] = p[base + c]! * scale;
    out[base + t[i]!] = (p[base + t[i]!]! - 1) * scale;
  }
  return [new Tensor(out, probs.shape)];
}

export interface CrossEntropyOptions {
  /** `'mean'` (default) over the N samples, `'sum'`, or `'none'` for the `[N]` per-sample losses. */
  reduction?: Reduction;
}

/**
 * Softmax cross-entropy from logits `[N, C]`: `logsumexp(z_i) − z_i[t_i]` per sample. `target` is
 * either int32 class indices `[N]` or probabilities `[N, C]` (of the logits' dtype; rows need not
 * sum to 1, so weighted or smoothed targets work, and they may require gradients).
 *
 * A primitive for speed and stability: log-softmax and the negative log-likelihood in one node
 * with gradient `softmax(z) − onehot(t)`, finite for logits of any magnitude. With
 * `reduction: 'none'` it is the per-sample building block for weighted, masked (ignoreIndex) and
 * label-smoothed losses.
 */
export function crossEntropyWithLogits(
  logits: Variable | Tensor,
  target: Variable | Tensor,
  options: CrossEntropyOptions = {},
): Variable {
  const op = 'crossEntropyWithLogits';
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  const z = operand(op, logits);
  if (z.dtype === 'int32' || z.rank !== 2) {
    throw new ShapeError(op, `logits must be float [N, C], got ${z.dtype} ${formatShape(z.shape)}`);
  }
  const [rows, cols] = z.shape as [number, number];
  const t = toVariable(op, target, z.dtype, 'target');
  const byClass = t.dtype === 'int32';
  if (
    byClass
      ? t.rank !== 1 || t.shape[0] !== rows
      : t.rank !== 2 || t.shape[0] !== rows || t.shape[1] !== cols
  ) {
    throw new ShapeError(
      op,
      `target must be int32 class indices [${rows}] or probabilities [${rows}, ${cols}] for logits ${formatShape(z.shape)}, got ${t.dtype} ${formatShape(t.shape)}`,
    );
  }
  if (!byClass) checkFloatMix(op, z, t);
  const zd = z.data.data;
  const td = t.data.data;
  const probs = allocate(z.dtype, rows * cols);
  const lse = allocate(z.dtype, rows);
  const losses = allocate(z.dtype, rows);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    let m = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < cols; c++) if (zd[base + c]! > m) m = zd[base + c]!;
    if (!Number.isFinite(m)) m = 0;
    let s = 0;
    for (let c = 0; c < cols; c++) {
      const e = Math.exp(zd[base + c]! - m);
      probs[base + c] = e;
      s += e;
    }
    const l = m + Math.log(s);
    lse[i] = l;
    for (let c = 0; c < cols; c++) probs[base + c] = probs[base + c]! / s;
    if (byClass) {
      const k = td[i]!;
      if (!Number.isInteger(k) || k < 0 || k >= cols) {
        throw new ArgumentError(op, `target class ${k} at sample ${i} is outside 0..${cols - 1}`);
      }
      losses[i] = l - zd[base + k]!;
    } else {
      let total = 0;
      for (let c = 0; c < cols; c++) {
        const y = td[base + c]!;
        if (y !== 0) total += y * (l - zd[base + c]!);
      }
      losses[i] = total;
    }
  }
  const out = reduce(new Tensor(losses, [rows]), reduction);
  const inputs = byClass ? [z] : [z, t];
  const record = recordingAny(inputs);
  const saved: CrossEntropySaved = {
    probs: new Tensor(probs, [rows, cols]),
    lse: new Tensor(lse, [rows, 1]),
    classes: byClass ? t.data : null,
    reduction,
  };
  return result(CROSS_ENTROPY, out, record, inputs, saved);
}

// ---------------------------------------------------------------------------------------------
// Sigmoid binary cross-entropy from logits

interface BinaryCrossEntropySaved {
  /** `posWeight − 1`, broadcast against the logits, or null without a positive weight. */
  posExtra: Tensor | null;
  reduction: Reduction;
}

const BINARY_CROSS_ENTROPY: OpDef<BinaryCrossEntropySaved> = {
  name: 'binaryCrossEntropyWithLogits',
  fast: (g, n) => binaryCrossEntropyFast(g, n),
  backward: (o, g, n) => {
    const { posExtra, reduction } = n.saved;
    const zv = n.input(0);
    const z = o.lift(zv);
    const y = o.lift(n.input(1));
    const scale = perElement(o, g, reduction, zv.size, zv.shape);
    // loss = softplus(z) − y·z + (p − 1)·y·softplus(−z), p the positive weight:
    // d/dz = σ(z) − y − (p − 1)·y·σ(−z); d/dy = −z + (p − 1)·softplus(−z).
    const s = o.sigmoid(z);
    let gz = o.sub(s, y);
    if (posExtra !== null) gz = o.sub(gz, o.mul(o.mul(y, o.constant(posExtra)), o.sub(1, s)));
    let gy: typeof g | null = null;
    if (n.needs(1)) {
      gy = o.neg(z);
      if (posExtra !== null) gy = o.add(gy, o.mul(o.softplus(o.neg(z)), o.constant(posExtra)));
      gy = o.mul(gy, scale);
    }
    return [n.needs(0) ? o.mul(gz, scale) : null, gy];
  },
};

/** `(σ(z) − y) · scale` in one pass: the gradient without a positive weight, for the logits. */
function binaryCrossEntropyFast(g: Tensor, n: Node<BinaryCrossEntropySaved>): Grads<Tensor> {
  const { posExtra, reduction } = n.saved;
  if (posExtra !== null || n.needs(1)) return BINARY_CROSS_ENTROPY.backward(tensorOps, g, n);
  const z = n.input(0).data;
  const y = n.input(1).data.data;
  const zd = z.data;
  const gd = g.data;
  const out = allocateUninitialized(z.dtype, z.size) as FloatArray;
  const whole = reduction === 'mean' ? gd[0]! / z.size : gd[0]!;
  const each = reduction === 'none';
  for (let i = 0; i < out.length; i++) {
    const s = stableSigmoid(zd[i]!);
    out[i] = (s - y[i]!) * (each ? gd[i]! : whole);
  }
  return [new Tensor(out, z.shape), null];
}

/** The logistic function without overflow (exp only ever of a non-positive number). */
function stableSigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export interface BinaryCrossEntropyOptions {
  /** `'mean'` (default) over all elements, `'sum'`, or `'none'` for per-element losses. */
  reduction?: Reduction;
  /**
   * Weight of positive examples (PyTorch's `pos_weight`): a number, or a Tensor broadcasting
   * against the logits (typically `[C]`, one per class).
   */
  posWeight?: number | Tensor;
}

/**
 * Binary cross-entropy of `sigmoid(logits)` against `target` (same shape, values in [0, 1]):
 * `−[p·y·log σ(z) + (1 − y)·log(1 − σ(z))]`, computed as `softplus(z) − y·z + (p−1)·y·softplus(−z)`.
 *
 * A primitive for stability and speed: finite values and gradients (`σ(z) − y` without a positive
 * weight) for logits of any magnitude, where `log(sigmoid(z))` would give −∞ and NaN gradients.
 */
export function binaryCrossEntropyWithLogits(
  logits: Variable | Tensor,
  target: Variable | Tensor,
  options: BinaryCrossEntropyOptions = {},
): Variable {
  const op = 'binaryCrossEntropyWithLogits';
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  const z = operand(op, logits);
  if (z.dtype === 'int32') throw new DTypeError(op, 'logits must be float32 or float64, got int32');
  let t = toVariable(op, target, z.dtype, 'target');
  if (t.dtype === 'int32') t = toVariable(op, raw.astype(t.data, z.dtype), z.dtype, 'target');
  checkFloatMix(op, z, t);
  if (!raw.shapesEqual(t.shape, z.shape)) {
    throw new ShapeError(
      op,
      `target shape ${formatShape(t.shape)} must equal the logits' shape ${formatShape(z.shape)}`,
    );
  }
  const zd = z.data.data;
  const td = t.data.data;
  const losses = allocate(z.dtype, z.size);
  for (let i = 0; i < zd.length; i++) losses[i] = softplusScalar(zd[i]!) - td[i]! * zd[i]!;
  let posExtra: Tensor | null = null;
  if (options.posWeight !== undefined) {
    const p = options.posWeight;
    const pw = typeof p === 'number' ? p : raw.astype(p, z.dtype);
    posExtra = raw.broadcastTo(
      raw.sub(typeof pw === 'number' ? new Tensor(Float64Array.of(pw), []) : pw, 1),
      z.shape,
    );
    if (posExtra.dtype !== z.dtype) posExtra = raw.astype(posExtra, z.dtype);
    const pe = posExtra.data;
    for (let i = 0; i < zd.length; i++) {
      losses[i] = losses[i]! + pe[i]! * td[i]! * softplusScalar(-zd[i]!);
    }
  }
  const out = reduce(new Tensor(losses, z.shape), reduction);
  const inputs = [z, t];
  return result(BINARY_CROSS_ENTROPY, out, recordingAny(inputs), inputs, { posExtra, reduction });
}
