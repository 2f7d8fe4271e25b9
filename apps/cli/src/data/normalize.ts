// Inputs are standardised with statistics fitted on the training part and stored in the model
// file, so `eval` and `predict` transform new data exactly as training did. Images share one
// mean and std over all pixels: per-pixel statistics would blow up the border pixels that are
// almost always 0 (std ≈ 0) whenever a test digit touches them.
import { standardize } from '@nabla/datasets';
import type { Tensor } from '@nabla/tensor';
import type { DataKind } from './catalog.js';

/** (x − mean) / std, one pair per feature or one pair for all. */
export interface Normalization {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

export function fitNormalization(x: Tensor, kind: DataKind): { x: Tensor; stats: Normalization } {
  const { x: out, stats } = standardize(x, { global: kind === 'image' });
  return { x: out, stats: { mean: [...stats.mean], std: [...stats.std] } };
}

export function applyNormalization(x: Tensor, stats: Normalization): Tensor {
  return standardize(x, { stats }).x;
}
