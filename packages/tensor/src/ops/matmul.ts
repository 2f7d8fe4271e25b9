import { kernels } from '../backend.js';
import { allocate, type FloatArray, promoteTypes } from '../dtype.js';
import { DTypeError, formatShape, ShapeError } from '../errors.js';
import { broadcastShapes, broadcastStrides, checkShape, type Shape, sizeOf } from '../shape.js';
import { assertTensor, Tensor } from '../tensor.js';
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

  const transA = (options.transposeA ?? false) && a.rank >= 2;
  const transB = (options.transposeB ?? false) && b.rank >= 2;
  // A vector is a 1×k matrix on the left and a k×1 matrix on the right.
  const aMat = a.rank === 1 ? [1, a.shape[0]!] : a.shape.slice(-2);
  const bMat = b.rank === 1 ? [b.shape[0]!, 1] : b.shape.slice(-2);
  const [m, k] = transA ? [aMat[1]!, aMat[0]!] : [aMat[0]!, aMat[1]!];
  const [k2, n] = transB ? [bMat[1]!, bMat[0]!] : [bMat[0]!, bMat[1]!];
  if (k !== k2) {
    const flags = `${transA ? ' (a transposed)' : ''}${transB ? ' (b transposed)' : ''}`;
    throw new ShapeError(
      op,
      `inner dimensions differ (${formatShape(a.shape)} @ ${formatShape(b.shape)})${flags}: ${k} vs ${k2}; the last axis of a must match the first matrix axis of b`,
    );
  }
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  const batch = batchShape(a, b, aBatch, bBatch);
  const shape = [...batch];
  if (a.rank > 1) shape.push(m);
  if (b.rank > 1) shape.push(n);
  checkShape(op, shape);
  const count = sizeOf(batch);
  const out = allocate(dtype, count * m * n) as FloatArray;
  if (count > 0 && m * n > 0) {
    const aStrides = broadcastStrides(aBatch, batch);
    const bStrides = broadcastStrides(bBatch, batch);
    const kernel = kernels().matmul;
    const index = new Array<number>(batch.length).fill(0);
    for (let t = 0; t < count; t++) {
      let aBase = 0;
      let bBase = 0;
      for (let d = 0; d < batch.length; d++) {
        aBase += index[d]! * aStrides[d]!;
        bBase += index[d]! * bStrides[d]!;
      }
      kernel({
        a: a.data as FloatArray,
        aOffset: aBase * m * k,
        b: b.data as FloatArray,
        bOffset: bBase * k * n,
        out,
        outOffset: t * m * n,
        m,
        k,
        n,
        transA,
        transB,
      });
      for (let d = batch.length - 1; d >= 0; d--) {
        if (++index[d]! < batch[d]!) break;
        index[d] = 0;
      }
    }
  }
  return new Tensor(out, shape);
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
