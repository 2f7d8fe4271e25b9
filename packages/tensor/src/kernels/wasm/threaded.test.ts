// The product shared between threads against the one-thread WebAssembly product: equal bit for
// bit (every output element is computed by one thread, in the same order), on random shapes,
// layouts, offsets, biases and thread counts, in plain and relaxed SIMD.
import { floatArrayArb, runs } from '@nabla/testkit';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { getNumThreads, setNumThreads, wasmFeatures } from '../../index.js';
import type { LinearArgs, MatmulArgs } from '../types.js';
import { matmulWasm } from './gemm.js';
import { KernelInstance } from './instance.js';
import { ThreadedGemm } from './threaded.js';

const variants = [false, true].filter((relaxed) => !relaxed || wasmFeatures().relaxedSimd);

const caseArb = fc
  .record({
    m: fc.integer({ min: 1, max: 70 }),
    k: fc.integer({ min: 1, max: 70 }),
    n: fc.integer({ min: 1, max: 70 }),
    transA: fc.boolean(),
    transB: fc.boolean(),
    aOffset: fc.integer({ min: 0, max: 3 }),
    bOffset: fc.integer({ min: 0, max: 3 }),
    outOffset: fc.integer({ min: 0, max: 3 }),
    withBias: fc.boolean(),
  })
  .chain((s) =>
    fc
      .tuple(
        floatArrayArb(s.aOffset + s.m * s.k, { min: -2, max: 2 }),
        floatArrayArb(s.bOffset + s.k * s.n, { min: -2, max: 2 }),
        floatArrayArb(s.n, { min: -2, max: 2 }),
      )
      .map(([a, b, bias]) => ({
        ...s,
        a: Float32Array.from(a),
        b: Float32Array.from(b),
        bias: s.withBias ? Float32Array.from(bias) : null,
      })),
  );

type Case = Omit<MatmulArgs, 'out'> & { bias: Float32Array | null };

/** The bits of the output buffer after `run` wrote into a NaN-filled one. */
function bitsOf(s: Case, run: (args: MatmulArgs | LinearArgs) => void): Uint32Array {
  const out = new Float32Array(s.outOffset + s.m * s.n + 2).fill(Number.NaN);
  run(s.bias === null ? { ...s, out } : { ...s, bias: s.bias, out });
  return new Uint32Array(out.buffer);
}

const before = getNumThreads();
afterAll(() => setNumThreads(before));

describe.each(variants)('the threaded product (relaxed SIMD: %s)', (relaxed) => {
  const single = new KernelInstance(relaxed);
  const threaded = new ThreadedGemm(relaxed);

  it.each([2, 3, 4])(
    'equals the one-thread product bit for bit with %i threads',
    async (threads) => {
      setNumThreads(threads);
      expect(await threaded.start()).toBe(threads);
      let shared = 0;
      fc.assert(
        fc.property(caseArb, (s) => {
          const want = bitsOf(s, (args) => matmulWasm(single, args));
          const got = bitsOf(s, (args) => {
            if (threaded.run(args)) shared++;
            else matmulWasm(single, args); // too few tiles to share
          });
          expect(got).toEqual(want);
        }),
        { numRuns: runs(60) },
      );
      expect(shared).toBeGreaterThan(0);
    },
    20_000,
  );

  it('equals it across K and M blocks and on prime sizes', async () => {
    setNumThreads(2);
    expect(await threaded.start()).toBe(2);
    for (const [m, k, n] of [
      [131, 1031, 67],
      [257, 389, 9],
      [7, 803, 1021],
    ] as const) {
      for (const [transA, transB] of [
        [false, false],
        [true, false],
        [false, true],
      ] as const) {
        const a = Float32Array.from({ length: m * k }, (_, i) => Math.sin(i));
        const b = Float32Array.from({ length: k * n }, (_, i) => Math.cos(i));
        const s: Case = {
          a,
          b,
          m,
          k,
          n,
          transA,
          transB,
          aOffset: 0,
          bOffset: 0,
          outOffset: 0,
          bias: null,
        };
        const want = bitsOf(s, (args) => matmulWasm(single, args));
        const got = bitsOf(s, (args) => expect(threaded.run(args)).toBe(true));
        expect(got).toEqual(want);
      }
    }
  });
});

describe('helpers', () => {
  it('start on the first product that could share, which runs alone meanwhile', async () => {
    setNumThreads(2);
    const threaded = new ThreadedGemm(false);
    const a = Float32Array.from({ length: 64 * 64 }, (_, i) => Math.sin(i));
    const args = { a, b: a, m: 64, k: 64, n: 64, transA: false, transB: false };
    const out = new Float32Array(64 * 64);
    const call = { ...args, aOffset: 0, bOffset: 0, outOffset: 0, out };
    expect(threaded.run(call)).toBe(false);
    expect(await threaded.start()).toBe(2);
    expect(threaded.run(call)).toBe(true);
  });
});

describe('thread settings', () => {
  it('takes 1 to MAX_THREADS threads and refuses anything else, naming the call', () => {
    setNumThreads(3);
    expect(getNumThreads()).toBe(3);
    setNumThreads(1);
    expect(getNumThreads()).toBe(1);
    for (const bad of [0, -1, 1.5, Number.NaN, 65]) {
      expect(() => setNumThreads(bad)).toThrow(/^setNumThreads: expected an integer from 1 to 64/);
    }
  });
});
