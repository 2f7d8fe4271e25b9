// fast-check arbitraries for tensors: the shape is drawn first, then data of exactly that size
// (`.chain`), so shrinking keeps shapes and data consistent.
import { type DType, type Shape, type Tensor, tensor } from '@nabla/tensor';
import fc from 'fast-check';

export interface ShapeArbOptions {
  /** Fewest axes, default 0 (a scalar). */
  minRank?: number;
  /** Most axes, default 4. */
  maxRank?: number;
  /** Smallest dimension, default 0 (empty tensors are drawn too). */
  minDim?: number;
  /** Largest dimension, default 5. */
  maxDim?: number;
}

/** Shapes of rank `minRank..maxRank` with dimensions `minDim..maxDim` (0 and 1 included by default). */
export function shapeArb(options: ShapeArbOptions = {}): fc.Arbitrary<number[]> {
  const { minRank = 0, maxRank = 4, minDim = 0, maxDim = 5 } = options;
  return fc.array(fc.integer({ min: minDim, max: maxDim }), {
    minLength: minRank,
    maxLength: maxRank,
  });
}

export interface FloatArrayArbOptions {
  /** Smallest value, default -10. */
  min?: number;
  /** Largest value, default 10. */
  max?: number;
  /** Leave out values with |v| below this (keeps divisors and logs away from 0), default none. */
  minAbs?: number;
}

/** A double in `[min, max]`, never NaN or infinite (and optionally away from zero). */
export function floatArb(options: FloatArrayArbOptions = {}): fc.Arbitrary<number> {
  const { min = -10, max = 10, minAbs = 0 } = options;
  const base = fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  // -0 and 0 are one value for our purposes; `+ 0` turns -0 into 0.
  const value = base.map((v) => v + 0);
  return minAbs > 0 ? value.filter((v) => Math.abs(v) >= minAbs) : value;
}

/** Exactly `length` finite doubles (see `floatArb`). */
export function floatArrayArb(
  length: number,
  options: FloatArrayArbOptions = {},
): fc.Arbitrary<number[]> {
  return fc.array(floatArb(options), { minLength: length, maxLength: length });
}

export interface TensorArbOptions extends ShapeArbOptions, FloatArrayArbOptions {
  /** A fixed shape, or an arbitrary of shapes; default `shapeArb(options)`. */
  shape?: Shape | fc.Arbitrary<Shape>;
  /** Default 'float64' (exact enough to compare against plain-number references). */
  dtype?: DType;
  /** Element values; default `floatArb` (or integers in `[min, max]` for int32). */
  values?: fc.Arbitrary<number>;
}

/** Tensors: a shape, then data of exactly that size. */
export function tensorArb(options: TensorArbOptions = {}): fc.Arbitrary<Tensor> {
  const dtype = options.dtype ?? 'float64';
  const shapes =
    options.shape === undefined
      ? shapeArb(options)
      : options.shape instanceof fc.Arbitrary
        ? options.shape
        : fc.constant(options.shape);
  const values = options.values ?? defaultValues(dtype, options);
  return shapes.chain((shape) => {
    const size = shape.reduce((p, d) => p * d, 1);
    return fc
      .array(values, { minLength: size, maxLength: size })
      .map((data) => tensor(data, { shape, dtype }));
  });
}

function defaultValues(dtype: DType, options: FloatArrayArbOptions): fc.Arbitrary<number> {
  if (dtype !== 'int32') return floatArb(options);
  return fc.integer({ min: Math.ceil(options.min ?? -10), max: Math.floor(options.max ?? 10) });
}

/**
 * `count` shapes that broadcast together: each is a common shape with some leading axes dropped
 * and some dimensions set to 1.
 */
export function broadcastableShapesArb(
  count: number,
  options: ShapeArbOptions = {},
): fc.Arbitrary<number[][]> {
  return shapeArb(options).chain((full) =>
    fc.tuple(...Array.from({ length: count }, () => derivedShapeArb(full))),
  );
}

/** Two shapes that broadcast together (see `broadcastableShapesArb`). */
export function broadcastablePairArb(
  options: ShapeArbOptions = {},
): fc.Arbitrary<[number[], number[]]> {
  return broadcastableShapesArb(2, options).map(([a, b]) => [a!, b!]);
}

/** `full` with `0..rank` leading axes dropped and each remaining dimension kept or set to 1. */
function derivedShapeArb(full: readonly number[]): fc.Arbitrary<number[]> {
  return fc
    .tuple(
      fc.integer({ min: 0, max: full.length }),
      fc.array(fc.boolean(), { minLength: full.length, maxLength: full.length }),
    )
    .map(([drop, ones]) => full.map((d, i) => (ones[i] ? 1 : d)).slice(drop));
}

export interface MatmulPairArbOptions {
  /** Give the operands batch axes that broadcast against each other; default: sometimes. */
  batch?: boolean;
  /** Fixed flag; drawn at random if omitted. */
  transposeA?: boolean;
  /** Fixed flag; drawn at random if omitted. */
  transposeB?: boolean;
  /** Allow 1-D operands (a row vector on the left, a column vector on the right); default true. */
  vectors?: boolean;
  /** Smallest m, k, n; default 0. */
  minDim?: number;
  /** Largest m, k, n and batch dimension; default 5. */
  maxDim?: number;
}

/** Shapes of a valid `matmul(a, b, { transposeA, transposeB })` and the result shape. */
export interface MatmulCase {
  a: number[];
  b: number[];
  transposeA: boolean;
  transposeB: boolean;
  m: number;
  k: number;
  n: number;
  /** The result shape: broadcast batch axes, then m (unless a is 1-D), then n (unless b is 1-D). */
  out: number[];
}

/**
 * Operand shapes for a valid matmul: `a` is `[...batchA, m, k]` (stored `[..., k, m]` when
 * transposed) or `[k]`; `b` is `[...batchB, k, n]` (`[..., n, k]` when transposed) or `[k]`;
 * batchA and batchB broadcast. Flags on a 1-D operand are drawn too: matmul ignores them.
 */
export function matmulPairArb(options: MatmulPairArbOptions = {}): fc.Arbitrary<MatmulCase> {
  const { minDim = 0, maxDim = 5, vectors = true } = options;
  const dim = fc.integer({ min: minDim, max: maxDim });
  const flag = (fixed: boolean | undefined) =>
    fixed === undefined ? fc.boolean() : fc.constant(fixed);
  const batches =
    options.batch === false
      ? fc.constant([[], []])
      : broadcastableShapesArb(2, { minRank: options.batch ? 1 : 0, maxRank: 3, maxDim: 3 });
  return fc
    .record({
      m: dim,
      k: dim,
      n: dim,
      transposeA: flag(options.transposeA),
      transposeB: flag(options.transposeB),
      aVector: vectors ? fc.boolean() : fc.constant(false),
      bVector: vectors ? fc.boolean() : fc.constant(false),
      batches,
    })
    .map(({ m, k, n, transposeA, transposeB, aVector, bVector, batches }) => {
      const batchA = aVector ? [] : batches[0]!;
      const batchB = bVector ? [] : batches[1]!;
      const a = aVector ? [k] : [...batchA, ...(transposeA ? [k, m] : [m, k])];
      const b = bVector ? [k] : [...batchB, ...(transposeB ? [n, k] : [k, n])];
      const out = [...broadcastBatch(batchA, batchB)];
      if (!aVector) out.push(m);
      if (!bVector) out.push(n);
      return { a, b, transposeA, transposeB, m: aVector ? 1 : m, k, n: bVector ? 1 : n, out };
    });
}

function broadcastBatch(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  return Array.from({ length: rank }, (_, i) => {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    return da === 1 ? db : da;
  });
}
