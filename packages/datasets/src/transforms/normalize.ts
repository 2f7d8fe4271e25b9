import { ArgumentError, allocate, Tensor } from '@nabla/tensor';
import { checkBoolean, checkOptions } from '../options.js';
import { checkStat, columnsOf, floatOutput } from './columns.js';

/** What `normalize` learned from training data: each feature's minimum and maximum (or one pair). */
export interface NormalizeStats {
  readonly min: readonly number[];
  readonly max: readonly number[];
}

export interface NormalizeOptions {
  /** Statistics to apply (from an earlier call on training data); without them they are fitted on x. */
  stats?: NormalizeStats;
  /** Fit one minimum and maximum over all features (default false). */
  global?: boolean;
}

/**
 * Min–max scaling to [0, 1] per feature: (x − min) / (max − min), fitted on training data and
 * reapplied with the returned `stats` (other data may then fall outside [0, 1]; it is not
 * clipped). A constant feature (max = min) maps to 0.
 *
 *     const { x: trainX, stats } = normalize(train.x);
 *     const { x: testX } = normalize(test.x, { stats });
 */
export function normalize(
  x: Tensor,
  options?: NormalizeOptions,
): { x: Tensor; stats: NormalizeStats } {
  const op = 'normalize';
  const { n, features } = columnsOf(op, x);
  const o = checkOptions<NormalizeOptions>(op, options);
  const global = checkBoolean(op, 'global', o.global ?? false);
  let stats: NormalizeStats;
  if (o.stats !== undefined) {
    const s = checkOptions<NormalizeStats>(op, o.stats);
    const min = checkStat(op, 'min', s.min, features);
    const max = checkStat(op, 'max', s.max, features);
    if (min.length !== max.length)
      throw new ArgumentError(op, 'stats.min and stats.max differ in length');
    if (min.some((v, i) => v > max[i]!)) throw new ArgumentError(op, 'stats.min exceeds stats.max');
    stats = { min, max };
  } else {
    if (n === 0) throw new ArgumentError(op, 'cannot fit statistics on 0 samples');
    stats = fit(x.data, features, global);
  }
  const cols = stats.min.length;
  // Divide by the range rather than multiply by its reciprocal: the reciprocal of a tiny range
  // overflows, and division keeps the fitted data within [0, 1] exactly.
  const range = stats.min.map((lo, f) => stats.max[f]! - lo);
  const out = allocate(floatOutput(x), x.size);
  const src = x.data;
  for (let i = 0; i < src.length; i++) {
    const f = cols === 1 ? 0 : i % features;
    const r = range[f]!;
    out[i] = r > 0 ? (src[i]! - stats.min[f]!) / r : 0;
  }
  return { x: new Tensor(out, x.shape), stats };
}

function fit(data: ArrayLike<number>, features: number, global: boolean): NormalizeStats {
  const cols = global ? 1 : features;
  const min = new Array<number>(cols).fill(Number.POSITIVE_INFINITY);
  const max = new Array<number>(cols).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < data.length; i++) {
    const f = global ? 0 : i % features;
    const v = data[i]!;
    if (v < min[f]!) min[f] = v;
    if (v > max[f]!) max[f] = v;
  }
  return { min, max };
}
