import { ArgumentError, Tensor } from '@nabla/tensor';

/**
 * How a per-feature statistic sees x: n rows of `features` columns (every axis after the
 * first is a feature, so images [n, 784] have 784). `global` pools everything into one column.
 */
export interface Columns {
  readonly n: number;
  readonly features: number;
}

export function columnsOf(op: string, x: unknown): Columns {
  if (!(x instanceof Tensor)) throw new ArgumentError(op, 'x must be a Tensor');
  if (x.rank === 0) throw new ArgumentError(op, 'x must have a first (sample) axis; got a scalar');
  const n = x.shape[0]!;
  return { n, features: n === 0 ? x.size : x.size / n };
}

/** The float dtype a transform returns: float64 stays, anything else becomes float32. */
export function floatOutput(x: Tensor): 'float32' | 'float64' {
  return x.dtype === 'float64' ? 'float64' : 'float32';
}

/** Checks stored statistics: arrays of finite numbers, one per feature or one for all. */
export function checkStat(
  op: string,
  name: string,
  values: unknown,
  features: number,
): readonly number[] {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new ArgumentError(op, `stats.${name} must be an array of finite numbers`);
  }
  if (values.length !== features && values.length !== 1) {
    throw new ArgumentError(
      op,
      `stats.${name} has ${values.length} entries but x has ${features} features per sample (fit and apply on the same layout)`,
    );
  }
  return values as number[];
}
