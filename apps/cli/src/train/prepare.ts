// The loaded data made ready for training: a seeded, stratified validation split of the
// training part, and inputs standardised with statistics of the training split alone (the
// validation and test parts must not leak into them).
import type { Dataset } from '@nabla/datasets';
import { trainValSplit } from '@nabla/datasets';
import type { LoadedData } from '../data/load.js';
import { applyNormalization, fitNormalization, type Normalization } from '../data/normalize.js';
import { UsageError } from '../errors.js';

export interface PreparedData {
  readonly loaded: LoadedData;
  readonly stats: Normalization;
  readonly train: Dataset;
  readonly val: Dataset;
  readonly test: Dataset;
}

export function prepareData(loaded: LoadedData, valSplit: number, seed: number): PreparedData {
  const n = loaded.train.x.shape[0]!;
  if (Math.round(n * valSplit) < 1 || n - Math.round(n * valSplit) < 1) {
    throw new UsageError(
      `--val-split ${valSplit} leaves no validation or no training sample of ${n}`,
    );
  }
  const split = trainValSplit(loaded.train, { valFraction: valSplit, seed, stratified: true });
  const { x, stats } = fitNormalization(split.train.x, loaded.kind);
  return {
    loaded,
    stats,
    train: { x, y: split.train.y },
    val: { x: applyNormalization(split.val.x, stats), y: split.val.y },
    test: { x: applyNormalization(loaded.test.x, stats), y: loaded.test.y },
  };
}
