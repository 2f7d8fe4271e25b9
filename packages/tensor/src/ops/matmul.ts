import { kernels } from '../backend.js';
import { type DType, type FloatArray, promoteTypes } from '../dtype.js';
import { DTypeError, formatShape, ShapeError } from '../errors.js';
import type { MatmulArgs } from '../kernels/types.js';
import { matrixShape } from '../matrix-shape.js';
import { allocateUninitialized } from '../pool.js';
import { broadcastShapes, broadcastStrides, checkShape, type Shape, sizeOf } from '../shape.js';
import { assertTensor, type Tensor, tensorOf } from '../tensor.js';
import { astype } from './shape.js';

export interface MatmulOptions {
  /** Use the transpose of `a`'s last two axes, without materialising it. */
  transposeA?: boolean;
  /** Use the transpose of `b`'s last two axes, without materialising it. */
  transposeB?: boolean;
}

/**
 * Matrix product with PyTorch's rules: 2-D × 2-D is a matrix product; higher ranks are stacks
 * of matrices whose batch axes broadcast (`[5,1,2,3] @ [4,3,6]` is `[5,4,2,6]`); a 1-D operand is
 * a row (left) or column (right) vector whose axis is dropped from the result. Transpose flags
 * apply to the last two axes of an operand of rank ≥ 2 and cost nothing: the kernel reads the
 * operand in the transposed order.
 */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  const op = 'matmul';
  assertTensor(op, a, 'first operand');
  assertTensor(op, b, 'second operand');
  if (a.rank === 0 || b.rank === 0) {
    throw new ShapeError(
      op,
      `operands must have at least one axis, got ${formatShape(a.shape)} @ ${formatShape(b.shape)}; use mul for scalars`,
    );
  }
  if (a.dtype === 'int32' || b.dtype === 'int32') {
    throw new DTypeError(
      op,
      `needs float operands, got ${a.dtype} @ ${b.dtype}; convert with astype(x, 'float32')`,
    );
  }
  const dtype = promoteTypes(a.dtype, b.dtype);
  if (a.dtype !== dtype) a = astype(a, dtype);
  if (b.dtype !== dtype) b = astype(b, dtype);

  const transA = Boolean(options.transposeA) && a.rank >= 2;
  const transB = Boolean(options.transposeB) && b.rank >= 2;
  if (a.rank === 2 && b.rank === 2) return matmul2d(a, b, transA, transB, dtype);
  // A vector is a 1×k matrix on the left and a k×1 matrix on the right.
  const aMat = a.rank === 1 ? [1, a.shape[0]!] : a.shape.slice(-2);
  const bMat = b.rank === 1 ? [b.shape[0]!, 1] : b.shape.slice(-2);
  const [m, k] = transA ? [aMat[1]!, aMat[0]!] : [aMat[0]!, aMat[1]!];
  const [k2, n] = transB ? [bMat[1]!, bMat[0]!] : [bMat[0]!, bMat[1]!];
  if (k !== k2) throw innerMismatch(a, b, transA, transB, k, k2);
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  const batch = batchShape(a, b, aBatch, bBatch);
  const shape = [...batch];
  if (a.rank > 1) shape.push(m);
  if (b.rank > 1) shape.push(n);
  checkShape(op, shape);
  const count = sizeOf(batch);
  const out = allocateUninitialized(dtype, count * m * n) as FloatArray;
  if (count > 0 && m * n > 0) {
    const aStrides = broadcastStrides(aBatch, batch);
    const bStrides = broadcastStrides(bBatch, batch);
    const index = new Array<number>(batch.length).fill(0);
    for (let t = 0; t < count; t++) {
      let aBase = 0;
      let bBase = 0;
      for (let d = 0; d < batch.length; d++) {
        aBase += index[d]! * aStrides[d]!;
        bBase += index[d]! * bStrides[d]!;
      }
      product(
        a.data as FloatArray,
        aBase * m * k,
        b.data as FloatArray,
        bBase * k * n,
        out,
        t * m * n,
        m,
        k,
        n,
        transA,
        transB,
      );
      for (let d = batch.length - 1; d >= 0; d--) {
        if (++index[d]! < batch[d]!) break;
        index[d] = 0;
      }
    }
  } else {
    out.fill(0);
  }
  return tensorOf(out, shape);
}

/** The common case, two matrices, without the batch machinery's arrays. */
function matmul2d(a: Tensor, b: Tensor, transA: boolean, transB: boolean, dtype: DType): Tensor {
  const m = transA ? a.shape[1]! : a.shape[0]!;
  const k = transA ? a.shape[0]! : a.shape[1]!;
  const k2 = transB ? b.shape[1]! : b.shape[0]!;
  const n = transB ? b.shape[0]! : b.shape[1]!;
  if (k !== k2) throw innerMismatch(a, b, transA, transB, k, k2);
  if (m * n > 2 ** 31 - 1) checkShape('matmul', [m, n]);
  const out = allocateUninitialized(dtype, m * n) as FloatArray;
  if (m * n > 0)
    product(a.data as FloatArray, 0, b.data as FloatArray, 0, out, 0, m, k, n, transA, transB);
  return tensorOf(out, matrixShape(m, n));
}

/**
 * One kernel call. The arguments object is reused: kernels run to completion and must not keep
 * it, and an op on small matrices should not pay for an allocation per call.
 */
const args: MatmulArgs = {
  a: new Float32Array(0),
  aOffset: 0,
  b: new Float32Array(0),
  bOffset: 0,
  out: new Float32Array(0),
  outOffset: 0,
  m: 0,
  k: 0,
  n: 0,
  transA: false,
  transB: false,
};

function product(
  a: FloatArray,
  aOffset: number,
  b: FloatArray,
  bOffset: number,
  out: FloatArray,
  outOffset: number,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): void {
  args.a = a;
  args.aOffset = aOffset;
  args.b = b;
  args.bOffset = bOffset;
  args.out = out;
  args.outOffset = outOffset;
  args.m = m;
  args.k = k;
  args.n = n;
  args.transA = transA;
  args.transB = transB;
  try {
    kernels().matmul(args);
  } finally {
    // Drop the references, so a large operand is not kept alive by this object.
    args.a = args.b = args.out = EMPTY;
  }
}

const EMPTY = new Float32Array(0);

function innerMismatch(
  a: Tensor,
  b: Tensor,
  transA: boolean,
  transB: boolean,
  k: number,
  k2: number,
): ShapeError {
  const flags = `${transA ? ' (a transposed)' : ''}${transB ? ' (b transposed)' : ''}`;
  return new ShapeError(
    'matmul',
    `inner dimensions differ (${formatShape(a.shape)} @ ${formatShape(b.shape)})${flags}: ${k} vs ${k2}; the last axis of a must match the first matrix axis of b`,
  );
}

/** The broadcast batch axes, with an error that shows both full shapes, not just their batches. */
function batchShape(a: Tensor, b: Tensor, aBatch: Shape, bBatch: Shape): number[] {
  try {
    return broadcastShapes('matmul', aBatch, bBatch);
  } catch {
    throw new ShapeError(
      'matmul',
      `batch dimensions ${formatShape(aBatch)} and ${formatShape(bBatch)} do not broadcast (${formatShape(a.shape)} @ ${formatShape(b.shape)}); each must match or be 1`,
    );
  }
}
