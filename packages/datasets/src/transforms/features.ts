import { ArgumentError, allocate, formatShape, ShapeError, Tensor } from '@nabla/tensor';
import { checkOptions, show } from '../options.js';

/** The TensorFlow Playground's input features of a 2-D point (x1, x2), in its order. */
export const FEATURES = ['x1', 'x2', 'x1Squared', 'x2Squared', 'x1x2', 'sinX1', 'sinX2'] as const;

export type Feature = (typeof FEATURES)[number];

const FORMULAS: Record<Feature, (a: number, b: number) => number> = {
  x1: (a) => a,
  x2: (_, b) => b,
  x1Squared: (a) => a * a,
  x2Squared: (_, b) => b * b,
  x1x2: (a, b) => a * b,
  sinX1: (a) => Math.sin(a),
  sinX2: (_, b) => Math.sin(b),
};

export interface FeatureMapOptions {
  /** Which features, in which column order; default all seven of `FEATURES`. */
  features?: readonly Feature[];
}

/**
 * The Playground's feature map: points x [n, 2] to [n, k] columns chosen from x1, x2, x1²,
 * x2², x1·x2, sin x1, sin x2. The extra features let a linear model or a small MLP draw circles
 * (the squares) and spirals (the sines). Keeps x's float dtype (int32 becomes float32).
 */
export function featureMap(x: Tensor, options?: FeatureMapOptions): Tensor {
  const op = 'featureMap';
  if (!(x instanceof Tensor)) throw new ArgumentError(op, 'x must be a Tensor');
  if (x.rank !== 2 || x.shape[1] !== 2) {
    throw new ShapeError(op, `x must be 2-D points of shape [n, 2], got ${formatShape(x.shape)}`);
  }
  const o = checkOptions<FeatureMapOptions>(op, options);
  const features = o.features ?? FEATURES;
  if (!Array.isArray(features) || features.length === 0) {
    throw new ArgumentError(op, `features must be a non-empty array of ${FEATURES.join(', ')}`);
  }
  const formulas = features.map((f: unknown) => {
    if (typeof f !== 'string' || !(FEATURES as readonly string[]).includes(f)) {
      throw new ArgumentError(op, `unknown feature ${show(f)}; choose from ${FEATURES.join(', ')}`);
    }
    return FORMULAS[f as Feature];
  });
  const n = x.shape[0]!;
  const k = formulas.length;
  const out = allocate(x.dtype === 'float64' ? 'float64' : 'float32', n * k);
  const src = x.data;
  for (let i = 0; i < n; i++) {
    const a = src[2 * i]!;
    const b = src[2 * i + 1]!;
    for (let j = 0; j < k; j++) out[i * k + j] = formulas[j]!(a, b);
  }
  return new Tensor(out, [n, k]);
}
