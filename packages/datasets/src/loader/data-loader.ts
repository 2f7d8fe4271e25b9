import { ArgumentError, permutation } from '@nabla/tensor';
import { checkDataset, type Dataset } from '../dataset.js';
import { checkFiniteTensor } from '../finite.js';
import {
  checkBoolean,
  checkOptions,
  checkSeed,
  nonNegativeInteger,
  positiveInteger,
} from '../options.js';
import { gatherRows, rowRange } from './gather.js';

export interface DataLoaderOptions {
  /** Samples per batch, a positive integer. */
  batchSize: number;
  /** Visit the samples in a fresh random order every epoch (default false). Needs `seed`. */
  shuffle?: boolean;
  /** Seed of the shuffle: epoch k's order is a function of (seed, k) alone. */
  seed?: number;
  /** Leave out the last, smaller batch of each epoch (default false). */
  dropLast?: boolean;
}

/**
 * Where a loader stands: the next batch it hands out is batch `batch` of epoch `epoch`. Plain
 * JSON; with the loader's options it fixes the data order exactly, so a training checkpoint
 * that saves it resumes bit for bit.
 */
export interface DataLoaderState {
  readonly epoch: number;
  readonly batch: number;
}

/**
 * Minibatches `{ x, y }` of a data set, epoch after epoch.
 *
 * `for (const { x, y } of loader)` runs the rest of the current epoch and moves the loader to
 * the next (a loop that breaks early resumes where it stopped on the next loop; `setState`
 * moves it anywhere). The cursor advances as each batch is handed out, so `getState()` taken
 * while a batch is in use points after it. `epochBatches(k)` iterates any epoch without
 * touching the cursor.
 *
 * With `shuffle`, epoch k visits the samples in the order `order(k)`, a seeded permutation
 * derived from (seed, k): the same on every run and independent of how earlier epochs were
 * iterated. Shuffled batches are gathered row by row into new tensors; unshuffled batches are
 * views of the data set's rows (no copy).
 */
export class DataLoader implements Iterable<Dataset> {
  readonly dataset: Dataset;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly seed: number | undefined;
  readonly dropLast: boolean;
  /** Samples in the data set. */
  readonly size: number;
  private cursor: DataLoaderState = { epoch: 0, batch: 0 };

  constructor(dataset: Dataset, options: DataLoaderOptions) {
    const op = 'DataLoader';
    this.size = checkDataset(op, dataset);
    // One pass over the data, once: a NaN found here names its sample; found by training, it
    // would only show up as a NaN loss several layers and steps away.
    checkFiniteTensor(op, 'x', dataset.x);
    checkFiniteTensor(op, 'y', dataset.y);
    if (options === undefined) throw new ArgumentError(op, 'needs options { batchSize }');
    const o = checkOptions<DataLoaderOptions>(op, options);
    this.dataset = dataset;
    this.batchSize = positiveInteger(op, 'batchSize', o.batchSize);
    this.shuffle = checkBoolean(op, 'shuffle', o.shuffle ?? false);
    this.dropLast = checkBoolean(op, 'dropLast', o.dropLast ?? false);
    this.seed = o.seed === undefined ? undefined : checkSeed(op, o.seed);
    if (this.shuffle && this.seed === undefined) {
      throw new ArgumentError(op, 'shuffle needs a seed: randomness in Nabla is explicit');
    }
  }

  /** Batches per epoch. */
  get length(): number {
    return this.dropLast
      ? Math.floor(this.size / this.batchSize)
      : Math.ceil(this.size / this.batchSize);
  }

  /** The epoch the next batch belongs to. */
  get epoch(): number {
    return this.cursor.epoch;
  }

  getState(): DataLoaderState {
    return { ...this.cursor };
  }

  setState(state: DataLoaderState): void {
    const op = 'DataLoader.setState';
    const s = checkOptions<DataLoaderState>(op, state);
    const epoch = nonNegativeInteger(op, 'state.epoch', s.epoch);
    const batch = nonNegativeInteger(op, 'state.batch', s.batch);
    if (batch > this.length) {
      throw new ArgumentError(
        op,
        `state.batch ${batch} exceeds the ${this.length} batches per epoch`,
      );
    }
    this.cursor = batch === this.length ? { epoch: epoch + 1, batch: 0 } : { epoch, batch };
  }

  /** The order in which epoch `epoch` visits the samples (the identity without shuffle). */
  order(epoch: number): Int32Array {
    nonNegativeInteger('DataLoader.order', 'epoch', epoch);
    if (!this.shuffle) return Int32Array.from({ length: this.size }, (_, i) => i);
    return permutation(this.size, { seed: epochSeed(this.seed!, epoch) }).data as Int32Array;
  }

  /** The batches of epoch `epoch`, from batch `start` on; leaves the loader's cursor alone. */
  *epochBatches(epoch: number, start = 0): IterableIterator<Dataset> {
    nonNegativeInteger('DataLoader.epochBatches', 'start', start);
    const order = this.shuffle ? this.order(epoch) : null;
    for (let b = start; b < this.length; b++) yield this.batchAt(order, b);
  }

  *[Symbol.iterator](): IterableIterator<Dataset> {
    const { epoch, batch: start } = this.cursor;
    const order = this.shuffle ? this.order(epoch) : null;
    const last = this.length;
    for (let b = start; b < last; b++) {
      this.cursor = b + 1 === last ? { epoch: epoch + 1, batch: 0 } : { epoch, batch: b + 1 };
      yield this.batchAt(order, b);
    }
    if (last === 0) this.cursor = { epoch: epoch + 1, batch: 0 };
  }

  private batchAt(order: Int32Array | null, b: number): Dataset {
    const start = b * this.batchSize;
    const end = Math.min(start + this.batchSize, this.size);
    const { x, y } = this.dataset;
    if (order === null) return { x: rowRange(x, start, end), y: rowRange(y, start, end) };
    const rows = order.subarray(start, end);
    return { x: gatherRows(x, rows), y: gatherRows(y, rows) };
  }
}

/**
 * A generator seed for epoch `epoch` of a loader seeded with `seed`: both mixed by
 * MurmurHash3's finaliser into 53 bits, so neighbouring seeds and epochs give unrelated orders.
 */
export function epochSeed(seed: number, epoch: number): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 2 ** 32) >>> 0;
  const e = fmix32((epoch >>> 0) + 0x9e3779b9);
  const a = fmix32(lo ^ e);
  const b = fmix32(hi ^ fmix32(a ^ Math.floor(epoch / 2 ** 32) ^ 0x85ebca6b));
  return (b & 0x1fffff) * 2 ** 32 + a;
}

function fmix32(h: number): number {
  h >>>= 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
