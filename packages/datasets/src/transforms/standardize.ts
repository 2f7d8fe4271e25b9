import { ArgumentError, allocate, Tensor } from '@nabla/tensor';
import { checkBoolean, checkOptions } from '../options.js';
import { checkStat, columnsOf, floatOutput } from './columns.js';

/**
 * What `standardize` learned from training data: one mean and standard deviation per feature
 * (or a single pair when fitted with `global`). Plain JSON, to store with a model.
 */
export interface StandardizeStats {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

export interface StandardizeOptions {
  /** Statistics to apply (from an earlier call on training data); without them they are fitted on x. */
  stats?: StandardizeStats;
  /** Fit one mean and std over all features rather than one per feature (default false). */
  global?: boolean;
}

/**
 * (x − mean) / std, per feature, as scikit-learn's StandardScaler: fit on training data, then
 * pass the returned `stats` to transform validation and test data the same way.
 *
 *     const { x: trainX, stats } = standardize(train.x);
 *     const { x: testX } = standardize(test.x, { stats });
 *
 * The std is the population one (divisor n); a constant feature (std 0, like MNIST's border
 * pixels) is divided by 1 instead, so it becomes 0 rather than NaN.
 */
export function standardize(
  x: Tensor,
  options?: StandardizeOptions,
): { x: Tensor; stats: StandardizeStats } {
  const op = 'standardize';
  const { n, features } = columnsOf(op, x);
  const o = checkOptions<StandardizeOptions>(op, options);
  const global = checkBoolean(op, 'global', o.global ?? false);
  let stats: StandardizeStats;
  if (o.stats !== undefined) {
    const s = checkOptions<StandardizeStats>(op, o.stats);
    const mean = checkStat(op, 'mean', s.mean, features);
    const std = checkStat(op, 'std', s.std, features);
    if (mean.length !== std.length)
      throw new ArgumentError(op, 'stats.mean and stats.std differ in length');
    if (std.some((v) => v <= 0)) throw new ArgumentError(op, 'stats.std must be positive');
    stats = { mean, std };
  } else {
    if (n === 0) throw new ArgumentError(op, 'cannot fit statistics on 0 samples');
    stats = fit(x.data, n, features, global);
  }
  const out = allocate(floatOutput(x), x.size);
  const cols = stats.mean.length;
  const src = x.data;
  for (let i = 0; i < src.length; i++) {
    const f = cols === 1 ? 0 : i % features;
    out[i] = (src[i]! - stats.mean[f]!) / stats.std[f]!;
  }
  return { x: new Tensor(out, x.shape), stats };
}

function fit(
  data: ArrayLike<number>,
  n: number,
  features: number,
  global: boolean,
): StandardizeStats {
  const cols = global ? 1 : features;
  const sum = new Float64Array(cols);
  for (let i = 0; i < data.length; i++) sum[global ? 0 : i % features]! += data[i]!;
  const count = global ? data.length : n;
  const mean = Array.from(sum, (s) => s / count);
  // Two passes (mean first, then squared deviations) to avoid the cancellation of E[x²] − E[x]².
  const squares = new Float64Array(cols);
  for (let i = 0; i < data.length; i++) {
    const f = global ? 0 : i % features;
    const d = data[i]! - mean[f]!;
    squares[f]! += d * d;
  }
  const std = Array.from(squares, (s) => {
    const v = Math.sqrt(s / count);
    return v > 0 ? v : 1;
  });
  return { mean, std };
}
