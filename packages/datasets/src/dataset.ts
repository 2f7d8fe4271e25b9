import { ArgumentError, formatShape, ShapeError, Tensor } from '@nabla/tensor';

/**
 * A data set of n samples: inputs `x` and targets `y`, both with n along their first axis. What
 * every toy set and MNIST loader returns, what DataLoader batches look like, what splits give.
 */
export interface Dataset {
  readonly x: Tensor;
  readonly y: Tensor;
}

/** Checks that `data` is `{ x, y }` with tensors of rank ≥ 1 agreeing on the first axis; returns n. */
export function checkDataset(op: string, data: unknown): number {
  const d = data as Partial<Dataset> | null;
  if (d === null || typeof d !== 'object' || !(d.x instanceof Tensor) || !(d.y instanceof Tensor)) {
    throw new ArgumentError(op, 'dataset must be { x: Tensor, y: Tensor }');
  }
  if (d.x.rank === 0 || d.y.rank === 0 || d.x.shape[0] !== d.y.shape[0]) {
    throw new ShapeError(
      op,
      `x and y must have the same first dimension (one row per sample), got x ${formatShape(d.x.shape)} and y ${formatShape(d.y.shape)}`,
    );
  }
  return d.x.shape[0]!;
}
