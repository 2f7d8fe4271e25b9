import {
  ArgumentError,
  DTypeError,
  permutation,
  type Generator as RandomGenerator,
  ShapeError,
} from '@nabla/tensor';
import { checkDataset, type Dataset } from '../dataset.js';
import { checkBoolean, checkOptions, generatorFrom, type SeedOptions, show } from '../options.js';
import { gatherRows } from './gather.js';

export interface TrainValSplitOptions extends SeedOptions {
  /** The share of samples held out for validation, strictly between 0 and 1. */
  valFraction: number;
  /**
   * Keep each class's share the same in both parts (default false); needs int32 labels `y`
   * of shape [n].
   */
  stratified?: boolean;
}

export interface TrainValSplit {
  readonly train: Dataset;
  readonly val: Dataset;
  /** The rows of the original data set in each part, ascending. */
  readonly trainIndices: Int32Array;
  readonly valIndices: Int32Array;
}

/**
 * Splits a data set at random into training and validation parts: round(n · valFraction)
 * samples (at least 1, at most n − 1) go to validation. Seeded: the same seed gives the same
 * split. Stratified, each class gives round-to-sum shares (largest remainders), so class
 * proportions match within one sample per class. Both parts keep the original row order.
 */
export function trainValSplit(dataset: Dataset, options: TrainValSplitOptions): TrainValSplit {
  const op = 'trainValSplit';
  const n = checkDataset(op, dataset);
  if (options === undefined) throw new ArgumentError(op, 'needs options { valFraction, seed }');
  const o = checkOptions<TrainValSplitOptions>(op, options);
  const f = o.valFraction;
  if (typeof f !== 'number' || !(f > 0 && f < 1)) {
    throw new ArgumentError(
      op,
      `valFraction must be a number strictly between 0 and 1, got ${show(f)}`,
    );
  }
  const stratified = checkBoolean(op, 'stratified', o.stratified ?? false);
  if (n < 2) throw new ArgumentError(op, `needs at least 2 samples to split, got ${n}`);
  const g = generatorFrom(op, o);
  const nVal = Math.min(n - 1, Math.max(1, Math.round(n * f)));
  const inVal = new Uint8Array(n);
  if (stratified) {
    for (const i of stratifiedPick(op, dataset, nVal, g)) inVal[i] = 1;
  } else {
    const order = permutation(n, { generator: g }).data;
    for (let j = 0; j < nVal; j++) inVal[order[j]!] = 1;
  }
  const valIndices = new Int32Array(nVal);
  const trainIndices = new Int32Array(n - nVal);
  for (let i = 0, v = 0, t = 0; i < n; i++) {
    if (inVal[i]) valIndices[v++] = i;
    else trainIndices[t++] = i;
  }
  const part = (rows: Int32Array): Dataset => ({
    x: gatherRows(dataset.x, rows),
    y: gatherRows(dataset.y, rows),
  });
  return { train: part(trainIndices), val: part(valIndices), trainIndices, valIndices };
}

/** `nVal` rows drawn class by class, each class's quota proportional to its size. */
function stratifiedPick(op: string, { y }: Dataset, nVal: number, g: RandomGenerator): number[] {
  if (y.dtype !== 'int32') {
    throw new DTypeError(op, `stratified needs int32 class labels y, got ${y.dtype}`);
  }
  if (y.rank !== 1) {
    throw new ShapeError(op, `stratified needs labels y of shape [n], got rank ${y.rank}`);
  }
  const byClass = new Map<number, number[]>();
  y.data.forEach((label, i) => {
    const rows = byClass.get(label);
    if (rows) rows.push(i);
    else byClass.set(label, [i]);
  });
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const n = y.size;
  // Largest remainders: floor each class's ideal share, then hand the seats left over to the
  // classes with the largest fractional parts (ties to the smaller class label).
  const ideal = classes.map((c) => (byClass.get(c)!.length * nVal) / n);
  const quota = ideal.map(Math.floor);
  let left = nVal - quota.reduce((a, b) => a + b, 0);
  const byRemainder = classes
    .map((_, k) => k)
    .sort((a, b) => ideal[b]! - quota[b]! - (ideal[a]! - quota[a]!) || a - b);
  for (const k of byRemainder) {
    if (left === 0) break;
    quota[k]!++;
    left--;
  }
  const picked: number[] = [];
  classes.forEach((c, k) => {
    const rows = byClass.get(c)!;
    const order = permutation(rows.length, { generator: g }).data;
    for (let j = 0; j < quota[k]!; j++) picked.push(rows[order[j]!]!);
  });
  return picked;
}
