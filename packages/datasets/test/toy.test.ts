// The toy 2-D sets: shapes and dtypes, exact class balance, bit-identical results per seed,
// each set's geometry at noise 0, what noise does, and typed errors for bad options.
import { ArgumentError, Generator, type Tensor } from '@nabla/tensor';
import { runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ClassificationOptions,
  circles,
  type Dataset,
  gaussians,
  linear,
  moons,
  multiGaussian,
  plane,
  spiral,
  type ToyOptions,
  xor,
} from '../src/index.js';

const classifiers = { circles, xor, gaussians, spiral, moons, linear } as const;
const regressors = { plane, multiGaussian } as const;
const all: Record<string, (o?: ToyOptions) => Dataset> = { ...classifiers, ...regressors };

const points = (x: Tensor): [number, number][] =>
  Array.from({ length: x.shape[0]! }, (_, i) => [x.data[2 * i]!, x.data[2 * i + 1]!]);
const bytes = (t: Tensor) => new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);

describe.each(Object.entries(all))('%s', (name, make) => {
  const classification = name in classifiers;

  it('returns x [n, 2] float32 and y [n] for any n, seed and noise, with finite values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.nat(),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (n, seed, noise) => {
          const { x, y } = make({ n, noise, seed });
          expect(x.shape).toEqual([n, 2]);
          expect(x.dtype).toBe('float32');
          expect(y.shape).toEqual([n]);
          expect(y.dtype).toBe(classification ? 'int32' : 'float32');
          expect(x.data.every(Number.isFinite)).toBe(true);
          expect(y.data.every(Number.isFinite)).toBe(true);
          if (classification) expect(y.data.every((v) => v === 0 || v === 1)).toBe(true);
        },
      ),
      { numRuns: runs(40) },
    );
  });

  it('is bit-identical for the same seed, and a generator seeded alike gives the same', () => {
    const a = make({ n: 257, noise: 0.2, seed: 42 });
    const b = make({ n: 257, noise: 0.2, seed: 42 });
    const c = make({ n: 257, noise: 0.2, generator: new Generator(42) });
    expect(bytes(a.x)).toEqual(bytes(b.x));
    expect(bytes(a.y)).toEqual(bytes(b.y));
    expect(bytes(a.x)).toEqual(bytes(c.x));
    const d = make({ n: 257, noise: 0.2, seed: 43 });
    expect(bytes(a.x)).not.toEqual(bytes(d.x));
  });

  it('defaults to 500 points and noise 0', () => {
    const { x } = make({ seed: 1 });
    expect(x.shape).toEqual([500, 2]);
    expect(bytes(x)).toEqual(bytes(make({ n: 500, noise: 0, seed: 1 }).x));
  });

  it('lies in the Playground view [-6, 6]² at noise 0', () => {
    const { x } = make({ n: 1000, seed: 3 });
    // gaussians' normal tails may reach past 6 only with negligible probability at variance 0.5.
    expect(x.data.every((v) => Math.abs(v) <= 6)).toBe(true);
  });

  it('rejects bad options with an ArgumentError naming the option', () => {
    for (const n of [0, -3, 1.5, Number.NaN, '10']) {
      expect(() => make({ n: n as number, seed: 1 })).toThrow(ArgumentError);
      expect(() => make({ n: n as number, seed: 1 })).toThrow(/\bn must be a positive integer/);
    }
    for (const noise of [-0.1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => make({ noise, seed: 1 })).toThrow(/noise must be a finite number >= 0/);
    }
    expect(() => make({ n: 10 })).toThrow(/needs \{ seed \} or \{ generator \}/);
    expect(() => make({ seed: 1, generator: new Generator(1) })).toThrow(
      /either seed or generator/,
    );
    expect(() => make({ seed: -1 })).toThrow(/seed must be an integer/);
    expect(() => make(null as unknown as ToyOptions)).toThrow(/options must be an object/);
  });
});

describe.each(Object.entries(classifiers))('%s (classification)', (_name, make) => {
  it('is exactly balanced at noise 0: ⌈n/2⌉ of class 0 and ⌊n/2⌋ of class 1', () => {
    for (const n of [1, 2, 7, 500]) {
      const { y } = make({ n, seed: 5 });
      const ones = Array.from(y.data).reduce((a, v) => a + v, 0);
      expect(ones).toBe(Math.floor(n / 2));
    }
  });

  it('shuffles by default; shuffle: false keeps class 0 first', () => {
    const ordered = make({ n: 100, seed: 2, shuffle: false } as ClassificationOptions).y.data;
    expect(Array.from(ordered)).toEqual([...Array(50).fill(0), ...Array(50).fill(1)]);
    const shuffled = make({ n: 100, seed: 2 }).y.data;
    expect(Array.from(shuffled)).not.toEqual(Array.from(ordered));
  });
});

describe('geometry at noise 0', () => {
  const eps = 1e-5;

  it('circles: class 1 inside radius 2.5, class 0 in the ring 3.5..5', () => {
    const { x, y } = circles({ n: 2000, seed: 1 });
    points(x).forEach(([a, b], i) => {
      const r = Math.hypot(a, b);
      if (y.data[i] === 1) expect(r).toBeLessThan(2.5 + eps);
      else expect(r >= 3.5 - eps && r <= 5 + eps).toBe(true);
    });
  });

  it('xor: class 1 in quadrants I and III, class 0 in II and IV, 0.3 away from the axes', () => {
    const { x, y } = xor({ n: 2000, seed: 1 });
    points(x).forEach(([a, b], i) => {
      expect(Math.min(Math.abs(a), Math.abs(b))).toBeGreaterThanOrEqual(0.3 - eps);
      expect(Math.max(Math.abs(a), Math.abs(b))).toBeLessThanOrEqual(5.3 + eps);
      expect(a * b > 0 ? 1 : 0).toBe(y.data[i]);
    });
  });

  it('spiral: every point on its arm, r = 5s and angle 3.5πs (+π for class 0)', () => {
    const { x, y } = spiral({ n: 600, seed: 1 });
    points(x).forEach(([a, b], i) => {
      const r = Math.hypot(a, b);
      expect(r).toBeLessThanOrEqual(5 + eps);
      const t = (1.75 * 2 * Math.PI * r) / 5 + (y.data[i] === 1 ? 0 : Math.PI);
      expect(Math.abs(a - r * Math.sin(t))).toBeLessThan(1e-4);
      expect(Math.abs(b - r * Math.cos(t))).toBeLessThan(1e-4);
    });
  });

  it('moons: class 0 on the upper unit arc, class 1 on the lower one (scaled by 3)', () => {
    const { x, y } = moons({ n: 1000, seed: 1 });
    points(x).forEach(([a, b], i) => {
      const u = a / 3 + 0.5;
      const v = b / 3 + 0.25;
      if (y.data[i] === 0) {
        expect(Math.abs(Math.hypot(u, v) - 1)).toBeLessThan(1e-5);
        expect(v).toBeGreaterThanOrEqual(-eps);
      } else {
        expect(Math.abs(Math.hypot(1 - u, 0.5 - v) - 1)).toBeLessThan(1e-5);
        expect(v).toBeLessThanOrEqual(0.5 + eps);
      }
    });
  });

  it('linear: the line x + y = 0 separates the classes with margin 2√2 − 2', () => {
    const { x, y } = linear({ n: 2000, seed: 1 });
    const margin = 2 * Math.SQRT2 - 2;
    points(x).forEach(([a, b], i) => {
      const distance = (a + b) / Math.SQRT2;
      if (y.data[i] === 1) expect(distance).toBeGreaterThanOrEqual(margin - eps);
      else expect(distance).toBeLessThanOrEqual(-margin + eps);
    });
  });

  it('linear: a perceptron converges on it (zero training errors)', () => {
    const { x, y } = linear({ n: 500, seed: 7 });
    expect(perceptronEpochs(points(x), y.data, 100)).toBeLessThan(100);
  });

  it('xor: a perceptron does not converge on it', () => {
    const { x, y } = xor({ n: 500, seed: 7 });
    expect(perceptronEpochs(points(x), y.data, 100)).toBe(100);
  });

  it('plane: the target is (x1 + x2) / 10', () => {
    const { x, y } = plane({ n: 500, seed: 1 });
    points(x).forEach(([a, b], i) => {
      expect(y.data[i]).toBeCloseTo((a + b) / 10, 5);
    });
  });

  it('multiGaussian: ±1 at the bump centres, 0 far away, within [-1, 1]', () => {
    const { x, y } = multiGaussian({ n: 3000, seed: 1 });
    expect(y.data.every((v) => v >= -1 && v <= 1)).toBe(true);
    points(x).forEach(([a, b], i) => {
      const nearest = Math.min(
        ...[-4, 0, 4].flatMap((cx) => [2.5, -2.5].map((cy) => Math.hypot(a - cx, b - cy))),
      );
      if (nearest >= 2) expect(y.data[i]).toBe(0);
      if (nearest < 0.5) expect(Math.abs(y.data[i]!)).toBeGreaterThan(0.74);
    });
  });
});

describe('noise', () => {
  it('circles and xor: noise flips labels near the boundary and leaves points in place', () => {
    for (const make of [circles, xor]) {
      const clean = make({ n: 1000, seed: 9 });
      const noisy = make({ n: 1000, noise: 0.3, seed: 9 });
      expect(bytes(noisy.x)).toEqual(bytes(clean.x));
      const flipped = Array.from(clean.y.data).filter((v, i) => v !== noisy.y.data[i]).length;
      expect(flipped).toBeGreaterThan(20);
      expect(flipped).toBeLessThan(400);
    }
  });

  it('gaussians: the variance per coordinate is 0.5 + 7·noise (0.5 → 4 as in the Playground)', () => {
    for (const [noise, variance] of [
      [0, 0.5],
      [0.5, 4],
    ] as const) {
      const { x, y } = gaussians({ n: 20000, noise, seed: 11 });
      let sum = 0;
      let count = 0;
      points(x).forEach(([a], i) => {
        const d = a - (y.data[i] === 1 ? 2 : -2);
        sum += d * d;
        count++;
      });
      expect(sum / count).toBeGreaterThan(variance * 0.95);
      expect(sum / count).toBeLessThan(variance * 1.05);
    }
  });

  it('spiral and moons: noise moves points off their curves by about its size', () => {
    const s = spiral({ n: 400, noise: 0.5, seed: 1 });
    const offArm = points(s.x).filter(([a, b]) => Math.hypot(a, b) > 5.01).length;
    expect(offArm).toBeGreaterThan(0);
    const m = moons({ n: 400, noise: 0.1, seed: 1 });
    const spread = points(m.x).map(([a, b], i) => {
      const u = a / 3 + 0.5;
      const v = b / 3 + 0.25;
      return m.y.data[i] === 0 ? Math.hypot(u, v) - 1 : Math.hypot(1 - u, 0.5 - v) - 1;
    });
    const rms = Math.sqrt(spread.reduce((a, d) => a + d * d, 0) / spread.length);
    expect(rms).toBeGreaterThan(0.05);
    expect(rms).toBeLessThan(0.2);
  });

  it('plane: noise perturbs targets, not points', () => {
    const clean = plane({ n: 300, seed: 4 });
    const noisy = plane({ n: 300, noise: 0.2, seed: 4 });
    expect(bytes(noisy.x)).toEqual(bytes(clean.x));
    expect(bytes(noisy.y)).not.toEqual(bytes(clean.y));
  });
});

/** Epochs of the perceptron rule (with bias) until no errors, capped at `max`. */
function perceptronEpochs(xs: [number, number][], labels: ArrayLike<number>, max: number): number {
  const w = [0, 0, 0];
  for (let epoch = 0; epoch < max; epoch++) {
    let errors = 0;
    xs.forEach(([a, b], i) => {
      const target = labels[i] === 1 ? 1 : -1;
      if (target * (w[0]! * a + w[1]! * b + w[2]!) <= 0) {
        w[0]! += target * a;
        w[1]! += target * b;
        w[2]! += target;
        errors++;
      }
    });
    if (errors === 0) return epoch;
  }
  return max;
}
