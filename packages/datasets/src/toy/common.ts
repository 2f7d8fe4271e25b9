// The machinery every toy 2-D set shares: option checks, class-balanced sampling, the shuffle,
// and packing into tensors. Each set's own file holds only its geometry.
import { ArgumentError, type Generator, Tensor } from '@nabla/tensor';
import type { Dataset } from '../dataset.js';
import {
  checkBoolean,
  checkOptions,
  generatorFrom,
  nonNegativeNumber,
  positiveInteger,
  type SeedOptions,
} from '../options.js';

/** Options of every toy set: `circles({ n: 500, noise: 0.1, seed: 1 })`. */
export interface ToyOptions extends SeedOptions {
  /** Number of points, default 500 (the Playground's count for classification). */
  n?: number;
  /**
   * How noisy, default 0; the Playground's slider runs from 0 to 0.5. Each set's documentation
   * says what the noise does to it (moves points, or flips labels near the boundary).
   */
  noise?: number;
}

export interface ClassificationOptions extends ToyOptions {
  /** Shuffle the points (default true); false keeps class 0's points first, then class 1's. */
  shuffle?: boolean;
}

interface Checked {
  n: number;
  noise: number;
  g: Generator;
}

const TOY_KEYS: readonly string[] = ['n', 'noise', 'shuffle', 'seed', 'generator'];

function checkToy(op: string, raw: unknown): Checked & { shuffle: boolean } {
  const options = checkOptions<ClassificationOptions>(op, raw);
  // A misspelt option (size for n, noiseLevel for noise) would otherwise be ignored silently.
  for (const key of Object.keys(options)) {
    if (!TOY_KEYS.includes(key)) {
      throw new ArgumentError(op, `unknown option ${key}; known: ${TOY_KEYS.join(', ')}`);
    }
  }
  const n = positiveInteger(op, 'n', options.n ?? 500);
  const noise = nonNegativeNumber(op, 'noise', options.noise ?? 0);
  const shuffle = checkBoolean(op, 'shuffle', options.shuffle ?? true);
  return { n, noise, shuffle, g: generatorFrom(op, options) };
}

/** A uniform draw from [a, b). */
export function uniform(g: Generator, a: number, b: number): number {
  return a + (b - a) * g.nextFloat64();
}

/**
 * Draws one point of class `label` (the `index`-th of `count` in its class) into `point` and
 * returns the label it gets, which label noise may have flipped.
 */
export type DrawPoint = (
  g: Generator,
  label: 0 | 1,
  index: number,
  count: number,
  noise: number,
  point: Float64Array,
) => 0 | 1;

/**
 * A two-class set: ⌈n/2⌉ points drawn as class 0 and ⌊n/2⌋ as class 1 (exactly balanced
 * before label noise), then shuffled with the same generator. Labels are int32 0/1 (the
 * Playground's −1 is our 0).
 */
export function classification(op: string, raw: unknown, draw: DrawPoint): Dataset {
  const { n, noise, shuffle, g } = checkToy(op, raw);
  const count0 = n - Math.floor(n / 2);
  const xs = new Float64Array(2 * n);
  const labels = new Int32Array(n);
  const point = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    const label = i < count0 ? 0 : 1;
    const index = label === 0 ? i : i - count0;
    labels[i] = draw(g, label, index, label === 0 ? count0 : n - count0, noise, point);
    xs[2 * i] = point[0]!;
    xs[2 * i + 1] = point[1]!;
  }
  return pack(xs, labels, shuffle ? shuffledOrder(g, n) : null);
}

/**
 * A regression set as the Playground draws them: points uniform in [−6, 6]², and the target a
 * function of the point moved by uniform noise of up to ±6·noise per coordinate (the point
 * itself stays where it was drawn). Targets are float32.
 */
export function regression(
  op: string,
  raw: unknown,
  target: (x: number, y: number) => number,
): Dataset {
  const { n, noise, g } = checkToy(op, raw);
  const xs = new Float64Array(2 * n);
  const targets = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = uniform(g, -6, 6);
    const y = uniform(g, -6, 6);
    const nx = uniform(g, -6, 6) * noise;
    const ny = uniform(g, -6, 6) * noise;
    xs[2 * i] = x;
    xs[2 * i + 1] = y;
    targets[i] = target(x + nx, y + ny);
  }
  return pack(xs, targets, null);
}

/** Fisher–Yates with the set's own generator, so the order is part of the seeded result. */
function shuffledOrder(g: Generator, n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = g.nextBelow(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

function pack(xs: Float64Array, ys: Int32Array | Float32Array, order: Int32Array | null): Dataset {
  const n = ys.length;
  const x = new Float32Array(2 * n);
  const y = ys instanceof Int32Array ? new Int32Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const from = order === null ? i : order[i]!;
    x[2 * i] = xs[2 * from]!;
    x[2 * i + 1] = xs[2 * from + 1]!;
    y[i] = ys[from]!;
  }
  return { x: new Tensor(x, [n, 2]), y: new Tensor(y, [n]) };
}
