import { expectAllClose, floatArrayArb, runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FloatArray, type MatmulArgs, matmulJs, matmulNaive } from '../index.js';

/** A kernel call on its own buffers: offsets and a poisoned output check that only its block is written. */
const argsArb = (dtype: 'float32' | 'float64') =>
  fc
    .record({
      m: fc.integer({ min: 0, max: 9 }),
      k: fc.integer({ min: 0, max: 9 }),
      n: fc.integer({ min: 0, max: 9 }),
      transA: fc.boolean(),
      transB: fc.boolean(),
      aOffset: fc.integer({ min: 0, max: 3 }),
      bOffset: fc.integer({ min: 0, max: 3 }),
      outOffset: fc.integer({ min: 0, max: 3 }),
    })
    .chain((s) =>
      fc
        .tuple(floatArrayArb(s.aOffset + s.m * s.k), floatArrayArb(s.bOffset + s.k * s.n))
        .map(([a, b]) => {
          const make = (values: number[]): FloatArray =>
            dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values);
          return { ...s, a: make(a), b: make(b) };
        }),
    );

/** `out` of the right size plus a margin, filled with a sentinel the kernel must not touch. */
function withOut(s: Omit<MatmulArgs, 'out'>, dtype: 'float32' | 'float64'): MatmulArgs {
  const size = s.outOffset + s.m * s.n + 2;
  const out = dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
  out.fill(Number.NaN);
  return { ...s, out };
}

/** The definition, written independently of matmulNaive: index the stored layouts directly. */
function tripleLoop(args: MatmulArgs): number[] {
  const { a, b, m, k, n, transA, transB, aOffset, bOffset } = args;
  const A = (i: number, p: number) => (transA ? a[aOffset + p * m + i]! : a[aOffset + i * k + p]!);
  const B = (p: number, j: number) => (transB ? b[bOffset + j * k + p]! : b[bOffset + p * n + j]!);
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += A(i, p) * B(p, j);
      out.push(s);
    }
  }
  return out;
}

describe.each(['float64', 'float32'] as const)('matmul kernels in %s', (dtype) => {
  const tol = dtype === 'float32' ? { rtol: 1e-5, atol: 1e-4 } : { rtol: 1e-12, atol: 1e-12 };

  it.each([
    ['matmulJs', matmulJs],
    ['matmulNaive', matmulNaive],
  ] as const)(
    '%s agrees with an independent triple loop and writes only its block',
    (_, kernel) => {
      fc.assert(
        fc.property(argsArb(dtype), (s) => {
          const args = withOut(s, dtype);
          kernel(args);
          const block = args.out.subarray(args.outOffset, args.outOffset + s.m * s.n);
          expectAllClose(block, tripleLoop(args), tol);
          for (let i = 0; i < args.out.length; i++) {
            if (i < args.outOffset || i >= args.outOffset + s.m * s.n)
              expect(args.out[i]).toBeNaN();
          }
        }),
        { numRuns: runs(150) },
      );
    },
  );

  it('matmulJs agrees with its naive twin, matmulNaive', () => {
    fc.assert(
      fc.property(argsArb(dtype), (s) => {
        const fast = withOut(s, dtype);
        const naive = withOut(s, dtype);
        matmulJs(fast);
        matmulNaive(naive);
        expectAllClose(fast.out, naive.out, tol);
      }),
      { numRuns: runs(100) },
    );
  });

  it('matmulJs overwrites stale output', () => {
    const args = withOut(
      {
        a: Float64Array.of(1, 2),
        aOffset: 0,
        b: Float64Array.of(3, 4),
        bOffset: 0,
        outOffset: 0,
        m: 1,
        k: 2,
        n: 1,
        transA: false,
        transB: false,
      },
      'float64',
    );
    args.out.fill(100);
    matmulJs(args);
    expect(args.out[0]).toBe(11);
    matmulJs({ ...args, transB: true });
    expect(args.out[0]).toBe(11);
  });
});
