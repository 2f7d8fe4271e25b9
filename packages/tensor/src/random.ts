import { allocate, checkDType, type DType, type FloatDType } from './dtype.js';
import { ArgumentError, DTypeError, formatShape } from './errors.js';
import { checkShape, type Shape, sizeOf } from './shape.js';
import { assertTensor, Tensor } from './tensor.js';

/** The complete state of a `Generator`, for checkpoints that resume bit for bit. */
export interface GeneratorState {
  readonly words: readonly [number, number, number, number];
  /** The second normal deviate of the last Box–Muller pair, not yet handed out. */
  readonly spareNormal: number | null;
}

/**
 * A seeded pseudo-random generator: xoshiro128** (Blackman and Vigna, 2018), 128 bits of state,
 * period 2^128 − 1, all in 32-bit integer arithmetic so every JavaScript engine produces the same
 * bits. The seed (an integer in [0, 2^53)) is spread over the state by SplitMix32 steps, so nearby
 * seeds give unrelated streams.
 *
 * - `nextUint32()`: the raw output.
 * - `nextFloat64()`: 53 random bits, uniform in [0, 1).
 * - `nextFloat32()`: 24 random bits, uniform in [0, 1) and exactly representable in float32
 *   (rounding a 53-bit value to float32 could give 1).
 * - `nextNormal()`: standard normal by the Box–Muller transform, using both deviates of a pair.
 */
export class Generator {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;

  constructor(seed = 0) {
    checkSeed('Generator', seed);
    let x = (seed >>> 0) ^ Math.imul(Math.floor(seed / 2 ** 32), 0x9e3779b9);
    const next = () => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1;
  }

  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  nextFloat64(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  nextFloat32(): number {
    return (this.nextUint32() >>> 8) / 16777216;
  }

  nextNormal(): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return z;
    }
    // 1 - u lies in (0, 1], so the logarithm is finite.
    const r = Math.sqrt(-2 * Math.log(1 - this.nextFloat64()));
    const theta = 2 * Math.PI * this.nextFloat64();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** A uniform integer in [0, n), without modulo bias, for 1 ≤ n ≤ 2^32. */
  nextBelow(n: number): number {
    const limit = Math.floor(4294967296 / n) * n;
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  getState(): GeneratorState {
    return { words: [this.a, this.b, this.c, this.d], spareNormal: this.spare };
  }

  setState(state: GeneratorState): void {
    const op = 'Generator.setState';
    const w: unknown = state?.words;
    const isWord = (v: unknown) =>
      Number.isInteger(v) && (v as number) >= -(2 ** 31) && (v as number) < 2 ** 32;
    if (!Array.isArray(w) || w.length !== 4 || !w.every(isWord)) {
      throw new ArgumentError(
        op,
        `state.words must be four 32-bit integers, got ${JSON.stringify(w)}`,
      );
    }
    // xoshiro's all-zero state is a fixed point: the generator would return 0 forever.
    if (w.every((v) => (v | 0) === 0)) {
      throw new ArgumentError(
        op,
        'state.words must not all be zero (xoshiro would only output 0); use getState() output',
      );
    }
    const spare: unknown = state.spareNormal ?? null;
    if (spare !== null && typeof spare !== 'number') {
      throw new ArgumentError(
        op,
        `state.spareNormal must be a number or null, got ${String(spare)}`,
      );
    }
    [this.a, this.b, this.c, this.d] = w.map((v: number) => v | 0) as [
      number,
      number,
      number,
      number,
    ];
    this.spare = spare;
  }
}

function checkSeed(op: string, seed: unknown): void {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw new ArgumentError(op, `seed must be an integer in [0, 2^53), got ${String(seed)}`);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export interface RandomOptions {
  /** A seed for a fresh generator; give this or `generator`. */
  seed?: number;
  /** A generator to draw from (advancing it); give this or `seed`. */
  generator?: Generator;
  dtype?: DType;
}

/** Randomness is explicit: every random op takes a seed or a generator. */
function generatorFrom(op: string, options: RandomOptions | undefined): Generator {
  if (options === undefined || options === null) {
    throw new ArgumentError(
      op,
      'needs { seed } or { generator }: randomness in Nabla is always explicit',
    );
  }
  if (options.generator !== undefined) {
    if (!(options.generator instanceof Generator)) {
      throw new ArgumentError(op, 'generator must be a Generator');
    }
    if (options.seed !== undefined) {
      throw new ArgumentError(op, 'give either seed or generator, not both');
    }
    return options.generator;
  }
  if (options.seed === undefined) {
    throw new ArgumentError(
      op,
      'needs { seed } or { generator }: randomness in Nabla is always explicit',
    );
  }
  checkSeed(op, options.seed);
  return new Generator(options.seed);
}

function floatDType(op: string, dtype: DType | undefined): FloatDType {
  const d = checkDType(op, dtype ?? 'float32');
  if (d === 'int32') {
    throw new DTypeError(op, "samples floats, got dtype 'int32'; use randint for integers");
  }
  return d;
}

/** The largest value of `dtype` strictly below the finite number `x`. */
function largestBelow(x: number, dtype: FloatDType): number {
  const f = dtype === 'float32' ? new Float32Array(1) : new Float64Array(1);
  f[0] = x;
  if (f[0]! < x) return f[0]!;
  if (f[0] === 0) f[0] = -0;
  // IEEE-754 order matches integer order of the bit pattern within one sign: step it by one.
  if (f instanceof Float32Array) new Int32Array(f.buffer)[0]! += f[0]! > 0 ? -1 : 1;
  else new BigInt64Array(f.buffer)[0]! += f[0]! > 0 ? -1n : 1n;
  return f[0]!;
}

export interface UniformOptions extends RandomOptions {
  /** Lower bound (inclusive), default 0. */
  low?: number;
  /** Upper bound (exclusive), default 1. */
  high?: number;
}

/** Uniform samples in `[low, high)` (default [0, 1)); `low === high` gives `low` everywhere. */
export function rand(shape: Shape, options: UniformOptions): Tensor {
  const dims = checkShape('rand', shape);
  const dtype = floatDType('rand', options?.dtype);
  const low = options?.low ?? 0;
  const high = options?.high ?? 1;
  if (!(Number.isFinite(low) && Number.isFinite(high) && low <= high)) {
    throw new ArgumentError('rand', `needs finite low <= high, got low=${low}, high=${high}`);
  }
  const g = generatorFrom('rand', options);
  const data = allocate(dtype, sizeOf(dims));
  const width = high - low;
  // `low + width * u` with u < 1 can still round up to `high` (in float32 above 1, or wherever
  // the spacing of the dtype exceeds width * 2^-24); the interval is half-open, so step below.
  const top = width > 0 ? largestBelow(high, dtype) : low;
  const next = dtype === 'float32' ? () => g.nextFloat32() : () => g.nextFloat64();
  for (let i = 0; i < data.length; i++) {
    data[i] = low + width * next();
    if (data[i]! >= high) data[i] = top;
  }
  return new Tensor(data, dims);
}

export interface NormalOptions extends RandomOptions {
  mean?: number;
  std?: number;
}

/** Normal samples, standard unless `mean`/`std` are given (Box–Muller). */
export function randn(shape: Shape, options: NormalOptions): Tensor {
  const dims = checkShape('randn', shape);
  const dtype = floatDType('randn', options?.dtype);
  const mean = options?.mean ?? 0;
  const std = options?.std ?? 1;
  if (!(Number.isFinite(mean) && Number.isFinite(std) && std >= 0)) {
    throw new ArgumentError(
      'randn',
      `needs a finite mean and std >= 0, got mean=${mean}, std=${std}`,
    );
  }
  const g = generatorFrom('randn', options);
  const data = allocate(dtype, sizeOf(dims));
  for (let i = 0; i < data.length; i++) data[i] = mean + std * g.nextNormal();
  return new Tensor(data, dims);
}

/** Uniform integers in `[low, high)`, int32 unless `dtype` says otherwise. */
export function randint(low: number, high: number, shape: Shape, options: RandomOptions): Tensor {
  const dims = checkShape('randint', shape);
  if (
    !Number.isSafeInteger(low) ||
    !Number.isSafeInteger(high) ||
    low >= high ||
    high - low > 2 ** 32
  ) {
    throw new ArgumentError(
      'randint',
      `needs integers low < high with high - low <= 2^32, got low=${low}, high=${high}`,
    );
  }
  if (
    options?.dtype !== 'float32' &&
    options?.dtype !== 'float64' &&
    (low < -(2 ** 31) || high > 2 ** 31)
  ) {
    throw new ArgumentError('randint', `[${low}, ${high}) does not fit int32; pass a float dtype`);
  }
  // float32 holds every integer only up to 2^24; beyond it a draw could round to `high`.
  if (options?.dtype === 'float32' && (low < -(2 ** 24) || high > 2 ** 24)) {
    throw new ArgumentError(
      'randint',
      `float32 cannot hold every integer in [${low}, ${high}); use float64 or keep within ±2^24`,
    );
  }
  const g = generatorFrom('randint', options);
  const data = allocate(checkDType('randint', options.dtype ?? 'int32'), sizeOf(dims));
  const range = high - low;
  for (let i = 0; i < data.length; i++) data[i] = low + g.nextBelow(range);
  return new Tensor(data, dims);
}

export interface BernoulliOptions extends RandomOptions {
  /** Shape of the result when `p` is a number. */
  shape?: Shape;
}

/**
 * 1 with probability `p`, else 0. `p` is a number (give `shape`) or a tensor of probabilities
 * (the result has its shape). Dropout masks are made this way.
 */
export function bernoulli(p: number | Tensor, options: BernoulliOptions): Tensor {
  const op = 'bernoulli';
  let probs: ArrayLike<number>;
  let dims: number[];
  if (typeof p === 'number') {
    dims = checkShape(op, options?.shape ?? []);
    probs = { length: 1, 0: p };
  } else {
    assertTensor(op, p, 'p');
    if (options?.shape !== undefined) {
      throw new ArgumentError(
        op,
        `shape is taken from the probability tensor ${formatShape(p.shape)}; do not pass shape`,
      );
    }
    dims = [...p.shape];
    probs = p.data;
  }
  for (let i = 0; i < probs.length; i++) {
    const v = probs[i]!;
    if (!(v >= 0 && v <= 1))
      throw new ArgumentError(op, `probability ${v} at position ${i} is outside [0, 1]`);
  }
  const dtype = floatDType(op, options?.dtype);
  const g = generatorFrom(op, options);
  const data = allocate(dtype, sizeOf(dims));
  const scalar = probs.length === 1 && typeof p === 'number';
  for (let i = 0; i < data.length; i++) {
    data[i] = g.nextFloat64() < (scalar ? probs[0]! : probs[i]!) ? 1 : 0;
  }
  return new Tensor(data, dims);
}

/** A random ordering of 0..n-1 (Fisher–Yates), as int32. */
export function permutation(n: number, options: RandomOptions): Tensor {
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) {
    throw new ArgumentError('permutation', `n must be a non-negative integer, got ${n}`);
  }
  const g = generatorFrom('permutation', options);
  const data = new Int32Array(n);
  for (let i = 0; i < n; i++) data[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = g.nextBelow(i + 1);
    const t = data[i]!;
    data[i] = data[j]!;
    data[j] = t;
  }
  return new Tensor(data, [n]);
}
