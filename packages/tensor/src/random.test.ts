import { runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ArgumentError,
  bernoulli,
  DTypeError,
  Generator,
  type GeneratorState,
  permutation,
  rand,
  randint,
  randn,
  ShapeError,
  type Tensor,
  tensor,
} from './index.js';

const M32 = (1n << 32n) - 1n;

/**
 * xoshiro128** (Blackman and Vigna) in BigInt arithmetic, from the reference C code, sharing no
 * code with Generator: the oracle that pins the algorithm.
 */
function referenceXoshiro(words: readonly number[]): () => number {
  const s = words.map((w) => BigInt(w >>> 0));
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M32;
  return () => {
    const result = (rotl((s[1]! * 5n) & M32, 7n) * 9n) & M32;
    const t = (s[1]! << 9n) & M32;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11n);
    return Number(result);
  };
}

/** The documented seeding: SplitMix32 steps (golden-ratio increment, murmur3 finaliser). */
function referenceSeedState(seed: number): number[] {
  const big = BigInt(seed);
  let x = (big & M32) ^ (((big >> 32n) * 0x9e3779b9n) & M32);
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    x = (x + 0x9e3779b9n) & M32;
    let z = x;
    z = ((z ^ (z >> 16n)) * 0x85ebca6bn) & M32;
    z = ((z ^ (z >> 13n)) * 0xc2b2ae35n) & M32;
    words.push(Number(z ^ (z >> 16n)));
  }
  return words;
}

const unsigned = (state: GeneratorState) => state.words.map((w) => w >>> 0);
const seedArb = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.maxSafeNat());

describe('Generator', () => {
  it('produces the published xoshiro128** test vector from state [1, 2, 3, 4]', () => {
    const g = new Generator();
    g.setState({ words: [1, 2, 3, 4], spareNormal: null });
    expect(Array.from({ length: 10 }, () => g.nextUint32())).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597,
      4258142804,
    ]);
  });

  it('golden values: these seeds give these bits on every machine', () => {
    const g = new Generator(0);
    expect(unsigned(g.getState())).toEqual([2462723854, 1020716019, 454327756, 1275600319]);
    expect(Array.from({ length: 4 }, () => g.nextUint32())).toEqual([
      3809008728, 1133695204, 53579671, 2891528803,
    ]);
    const g42 = new Generator(42);
    expect(Array.from({ length: 4 }, () => g42.nextUint32())).toEqual([
      2837322924, 544945897, 479756282, 3500138142,
    ]);
    const top = new Generator(2 ** 53 - 1);
    expect(Array.from({ length: 2 }, () => top.nextUint32())).toEqual([1212605407, 3964891305]);
    expect(Array.from(rand([4], { seed: 7, dtype: 'float64' }).data)).toEqual([
      0.2338277214186818, 0.44891458133395923, 0.5656696667785289, 0.5132114466788618,
    ]);
    expect(Array.from(rand([2], { seed: 7 }).data)).toEqual([
      0.23382771015167236, 0.5122323632240295,
    ]);
    expect(Array.from(randn([4], { seed: 7, dtype: 'float64' }).data)).toEqual([
      -0.6925843705222114, 0.23026798570072035, -1.2870249601100738, -0.10708196833280312,
    ]);
    expect(Array.from(randint(0, 100, [6], { seed: 7 }).data)).toEqual([0, 87, 49, 28, 27, 69]);
    expect(Array.from(permutation(8, { seed: 7 }).data)).toEqual([2, 1, 7, 4, 3, 5, 6, 0]);
    expect(Array.from(bernoulli(0.5, { seed: 7, shape: [8] }).data)).toEqual([
      1, 1, 0, 0, 0, 0, 1, 1,
    ]);
  });

  it('matches the BigInt reference for the seeding and the stream, for any seed', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const g = new Generator(seed);
        const words = referenceSeedState(seed);
        expect(unsigned(g.getState())).toEqual(words);
        const ref = referenceXoshiro(words);
        for (let i = 0; i < 50; i++) expect(g.nextUint32()).toBe(ref());
      }),
      { numRuns: runs(50) },
    );
  });

  it('derives floats from the top bits: 53 for float64, 24 for float32', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const ref = referenceXoshiro(referenceSeedState(seed));
        const g = new Generator(seed);
        const hi = ref() >>> 5;
        const lo = ref() >>> 6;
        expect(g.nextFloat64()).toBe((hi * 2 ** 26 + lo) / 2 ** 53);
        expect(g.nextFloat32()).toBe((ref() >>> 8) / 2 ** 24);
      }),
      { numRuns: runs(30) },
    );
  });

  it('the same seed gives the same bits; different seeds give different streams', () => {
    fc.assert(
      fc.property(seedArb, seedArb, (s, t) => {
        const a = randn([16], { seed: s, dtype: 'float64' });
        const b = randn([16], { seed: s, dtype: 'float64' });
        expect(Array.from(a.data)).toEqual(Array.from(b.data));
        if (s !== t) {
          const c = randn([16], { seed: t, dtype: 'float64' });
          expect(Array.from(a.data)).not.toEqual(Array.from(c.data));
        }
      }),
    );
    // Neighbouring seeds are not shifted copies of each other.
    const a = Array.from(rand([64], { seed: 1 }).data);
    const b = Array.from(rand([64], { seed: 2 }).data);
    expect(a.filter((v) => b.includes(v)).length).toBeLessThan(3);
  });

  it('getState/setState resume exactly, including a pending normal deviate', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 0, max: 9 }), (seed, skip) => {
        const g = new Generator(seed);
        for (let i = 0; i < skip; i++) g.nextNormal();
        const state = g.getState();
        const ahead = [g.nextNormal(), g.nextUint32(), g.nextNormal(), g.nextFloat64()];
        const h = new Generator(12345);
        h.setState(JSON.parse(JSON.stringify(state)) as GeneratorState);
        expect([h.nextNormal(), h.nextUint32(), h.nextNormal(), h.nextFloat64()]).toEqual(ahead);
      }),
      { numRuns: runs(50) },
    );
  });

  it('draws from a shared generator continue one stream', () => {
    const g = new Generator(9);
    const parts = [
      randn([3], { generator: g, dtype: 'float64' }),
      randn([5], { generator: g, dtype: 'float64' }),
    ];
    const whole = randn([8], { seed: 9, dtype: 'float64' });
    expect([...parts[0]!.data, ...parts[1]!.data]).toEqual(Array.from(whole.data));
  });

  it('nextBelow is in range and covers it', () => {
    const g = new Generator(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = g.nextBelow(7);
      expect(Number.isInteger(v) && v >= 0 && v < 7).toBe(true);
      seen.add(v);
    }
    expect(seen.size).toBe(7);
    expect(g.nextBelow(1)).toBe(0);
    expect(g.nextBelow(2 ** 32)).toBeLessThan(2 ** 32);
  });
});

/** Mean and variance of a tensor's values. */
function moments(t: Tensor): { mean: number; variance: number } {
  let s = 0;
  for (const v of t.data) s += v;
  const mean = s / t.size;
  let q = 0;
  for (const v of t.data) q += (v - mean) ** 2;
  return { mean, variance: q / t.size };
}

// Sample moments with n = 200 000 draws, checked to within 5 standard errors: a correct sampler
// fails such a check about once in two million runs (and the seeds are fixed anyway).
const N = 200_000;
const within = (value: number, expected: number, stderr: number) =>
  expect(Math.abs(value - expected)).toBeLessThan(5 * stderr);

describe('distributions', () => {
  it.each(['float32', 'float64'] as const)('rand (%s) is uniform on [0, 1)', (dtype) => {
    const x = rand([N], { seed: 11, dtype });
    expect(x.dtype).toBe(dtype);
    expect(x.data.every((v) => v >= 0 && v < 1)).toBe(true);
    const { mean, variance } = moments(x);
    within(mean, 0.5, Math.sqrt(1 / 12 / N));
    within(variance, 1 / 12, Math.sqrt((1 / 80 - 1 / 144) / N));
    // Each tenth of the interval gets a tenth of the draws.
    const counts = new Array<number>(10).fill(0);
    for (const v of x.data) counts[Math.floor(v * 10)]!++;
    for (const c of counts) within(c, N / 10, Math.sqrt(N * 0.1 * 0.9));
  });

  it('rand honours low and high, and never reaches high even where rounding would', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        fc.constantFrom('float32' as const, 'float64' as const),
        (low, width, dtype) => {
          const high = low + width;
          const x = rand([200], { seed: 5, low, high, dtype });
          for (const v of x.data)
            expect(v < high && v >= Math.fround(low) - Math.abs(low) * 1e-7).toBe(true);
        },
      ),
      { numRuns: runs(100) },
    );
    // In float32 the only values in [1e7, 1e7 + 1) are 1e7; rounding would otherwise give 1e7 + 1.
    const f32 = rand([1000], { seed: 1, low: 1e7, high: 1e7 + 1 });
    expect(Math.max(...f32.data)).toBe(1e7);
    const f64 = rand([1000], { seed: 1, low: 2 ** 53, high: 2 ** 53 + 2, dtype: 'float64' });
    expect(Math.max(...f64.data)).toBe(2 ** 53);
    expect(Array.from(rand([3], { seed: 1, low: 2, high: 2 }).data)).toEqual([2, 2, 2]);
  });

  it('randn is standard normal, and mean/std shift and scale it', () => {
    const x = randn([N], { seed: 12, dtype: 'float64' });
    const { mean, variance } = moments(x);
    within(mean, 0, Math.sqrt(1 / N));
    within(variance, 1, Math.sqrt(2 / N));
    const inOneSigma = x.data.filter((v) => Math.abs(v) < 1).length / N;
    within(inOneSigma, 0.682689492, Math.sqrt((0.6827 * 0.3173) / N));
    let third = 0;
    for (const v of x.data) third += v ** 3;
    within(third / N, 0, Math.sqrt(15 / N));
    const y = randn([N], { seed: 13, mean: 3, std: 0.5 });
    expect(y.dtype).toBe('float32');
    const my = moments(y);
    within(my.mean, 3, 0.5 / Math.sqrt(N));
    within(my.variance, 0.25, 0.25 * Math.sqrt(2 / N));
    expect(randn([5], { seed: 1, std: 0, mean: 2 }).toArray()).toEqual([2, 2, 2, 2, 2]);
  });

  it('randint is uniform over [low, high)', () => {
    const x = randint(-3, 4, [N], { seed: 14 });
    expect(x.dtype).toBe('int32');
    const counts = new Map<number, number>();
    for (const v of x.data) counts.set(v, (counts.get(v) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    for (const c of counts.values()) within(c, N / 7, Math.sqrt((N * (1 / 7) * 6) / 7));
    const wide = randint(-(2 ** 31), 2 ** 31, [1000], { seed: 1 });
    expect(wide.data.some((v) => v < 0) && wide.data.some((v) => v > 0)).toBe(true);
    // Beyond int32 with a float dtype: integers up to 2^53, a span of at most 2^32.
    const f = randint(2 ** 40, 2 ** 40 + 10, [100], { seed: 1, dtype: 'float64' });
    expect(f.data.every((v) => Number.isInteger(v) && v >= 2 ** 40 && v < 2 ** 40 + 10)).toBe(true);
  });

  it('bernoulli is 1 with probability p, scalar or per element', () => {
    const x = bernoulli(0.3, { seed: 15, shape: [N] });
    within(moments(x).mean, 0.3, Math.sqrt(0.21 / N));
    expect(x.data.every((v) => v === 0 || v === 1)).toBe(true);
    const p = tensor([0, 1, 0.5, 0.9], { dtype: 'float64' });
    const reps = 20_000;
    const sums = [0, 0, 0, 0];
    const g = new Generator(16);
    for (let r = 0; r < reps; r++) {
      const b = bernoulli(p, { generator: g, dtype: 'float64' });
      b.data.forEach((v, i) => {
        sums[i]! += v;
      });
    }
    expect(sums[0]).toBe(0);
    expect(sums[1]).toBe(reps);
    within(sums[2]! / reps, 0.5, Math.sqrt(0.25 / reps));
    within(sums[3]! / reps, 0.9, Math.sqrt(0.09 / reps));
    expect(bernoulli(0.5, { seed: 1 }).shape).toEqual([]);
  });

  it('permutation is a permutation of 0..n-1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), seedArb, (n, seed) => {
        const p = permutation(n, { seed });
        expect(p.dtype).toBe('int32');
        expect(Array.from(p.data).sort((a, b) => a - b)).toEqual(
          Array.from({ length: n }, (_, i) => i),
        );
      }),
    );
    // Every position is equally likely to hold 0.
    const counts = [0, 0, 0, 0];
    const g = new Generator(17);
    for (let r = 0; r < 40_000; r++) counts[permutation(4, { generator: g }).data.indexOf(0)]!++;
    for (const c of counts) within(c, 10_000, Math.sqrt(40_000 * 0.25 * 0.75));
  });
});

describe('random errors', () => {
  it('randomness is explicit: a seed or a generator, not both, not neither', () => {
    const msg = 'rand: needs { seed } or { generator }: randomness in Nabla is always explicit';
    expect(() => rand([2], {})).toThrow(ArgumentError);
    expect(() => rand([2], {})).toThrow(msg);
    expect(() => (rand as unknown as (s: number[]) => Tensor)([2])).toThrow(msg);
    expect(() => randn([2], { seed: 1, generator: new Generator(1) })).toThrow(
      'randn: give either seed or generator, not both',
    );
    expect(() => randint(0, 2, [2], { generator: {} as Generator })).toThrow(
      'randint: generator must be a Generator',
    );
    expect(() => permutation(3, {})).toThrow('permutation: needs { seed } or { generator }');
    expect(() => bernoulli(0.5, { shape: [2] })).toThrow(
      'bernoulli: needs { seed } or { generator }',
    );
  });

  it('seeds are integers in [0, 2^53)', () => {
    for (const seed of [-1, 0.5, Number.NaN, 2 ** 53]) {
      expect(() => rand([1], { seed })).toThrow(
        `rand: seed must be an integer in [0, 2^53), got ${seed}`,
      );
      expect(() => new Generator(seed)).toThrow(`Generator: seed must be an integer in [0, 2^53)`);
    }
    expect(() => rand([1], { seed: '1' as unknown as number })).toThrow('got 1');
  });

  it('distribution parameters are checked', () => {
    expect(() => rand([1], { seed: 1, low: 2, high: 1 })).toThrow(
      'rand: needs finite low <= high, got low=2, high=1',
    );
    expect(() => rand([1], { seed: 1, high: Number.POSITIVE_INFINITY })).toThrow(
      'needs finite low <= high',
    );
    expect(() => randn([1], { seed: 1, std: -1 })).toThrow(
      'randn: needs a finite mean and std >= 0, got mean=0, std=-1',
    );
    expect(() => randint(3, 3, [1], { seed: 1 })).toThrow(
      'randint: needs integers low < high with high - low <= 2^32, got low=3, high=3',
    );
    expect(() => randint(0, 2.5, [1], { seed: 1 })).toThrow('got low=0, high=2.5');
    expect(() => randint(0, 2 ** 33, [1], { seed: 1, dtype: 'float64' })).toThrow(
      'high - low <= 2^32',
    );
    expect(() => randint(0, 2 ** 32, [1], { seed: 1 })).toThrow(
      'randint: [0, 4294967296) does not fit int32; pass a float dtype',
    );
    expect(() => randint(0, 2 ** 25, [1], { seed: 1, dtype: 'float32' })).toThrow(
      'randint: float32 cannot hold every integer in [0, 33554432); use float64 or keep within ±2^24',
    );
    expect(randint(-(2 ** 24), 2 ** 24, [3], { seed: 1, dtype: 'float32' }).dtype).toBe('float32');
    expect(() => bernoulli(1.5, { seed: 1 })).toThrow(
      'bernoulli: probability 1.5 at position 0 is outside [0, 1]',
    );
    expect(() => bernoulli(tensor([0.5, Number.NaN]), { seed: 1 })).toThrow(
      'probability NaN at position 1',
    );
    expect(() => bernoulli(tensor([0.5]), { seed: 1, shape: [1] })).toThrow(
      'bernoulli: shape is taken from the probability tensor [1]; do not pass shape',
    );
    expect(() => permutation(-1, { seed: 1 })).toThrow(
      'permutation: n must be a non-negative integer, got -1',
    );
    expect(() => permutation(1.5, { seed: 1 })).toThrow('got 1.5');
  });

  it('shapes and dtypes are checked', () => {
    expect(() => rand([-1], { seed: 1 })).toThrow(ShapeError);
    expect(() => rand([-1], { seed: 1 })).toThrow('rand: shape [-1] has an invalid dimension -1');
    expect(() => randn([Number.NaN], { seed: 1 })).toThrow(
      'randn: shape [NaN] has an invalid dimension NaN',
    );
    expect(() => rand([1], { seed: 1, dtype: 'int32' })).toThrow(DTypeError);
    expect(() => rand([1], { seed: 1, dtype: 'int32' })).toThrow(
      "rand: samples floats, got dtype 'int32'; use randint for integers",
    );
    expect(() => bernoulli(0.5, { seed: 1, dtype: 'int32' })).toThrow(DTypeError);
    expect(() => randn([1], { seed: 1, dtype: 'half' as 'float32' })).toThrow(
      'randn: unknown dtype "half"',
    );
  });

  it('setState rejects malformed and all-zero states', () => {
    const g = new Generator(1);
    const bad = (state: unknown) => () => g.setState(state as GeneratorState);
    expect(bad({ words: [1, 2, 3] })).toThrow(ArgumentError);
    expect(bad({ words: [1, 2, 3] })).toThrow(
      'Generator.setState: state.words must be four 32-bit integers, got [1,2,3]',
    );
    expect(bad({ words: [1, 2, 3, 0.5] })).toThrow('four 32-bit integers');
    expect(bad({ words: [1, 2, 3, 2 ** 32] })).toThrow('four 32-bit integers');
    expect(bad(null)).toThrow('four 32-bit integers, got undefined');
    expect(bad({ words: [0, 0, 0, 0], spareNormal: null })).toThrow(
      'Generator.setState: state.words must not all be zero',
    );
    expect(bad({ words: [1, 2, 3, 4], spareNormal: 'x' })).toThrow(
      'state.spareNormal must be a number or null, got x',
    );
    // A failed setState leaves the generator as it was.
    const before = g.getState();
    expect(bad({ words: [0, 0, 0, 0] })).toThrow();
    expect(g.getState()).toEqual(before);
  });
});
