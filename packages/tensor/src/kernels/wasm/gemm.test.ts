// The WebAssembly product against its TypeScript twin: random shapes (tiny, odd, prime, and
// large enough to cross the K and M blocks), every transpose layout, offsets into larger
// buffers, batch broadcasting through the op, in plain and relaxed SIMD.
import { floatArrayArb, runs } from '@nabla/testkit';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  jsKernels,
  type LinearArgs,
  linearJs,
  type MatmulArgs,
  matmul,
  matmulJs,
  randn,
  setKernels,
  wasmFeatures,
  wasmKernels,
} from '../../index.js';
import { matmulWasm } from './gemm.js';
import { KernelInstance } from './instance.js';

/** The product on its own instance, bypassing the size threshold of the backend. */
class WasmGemm {
  private readonly instance: KernelInstance;
  constructor(relaxed: boolean) {
    this.instance = new KernelInstance(relaxed);
  }
  run(args: MatmulArgs | LinearArgs): void {
    matmulWasm(this.instance, args);
  }
}

const variants = [false, true].filter((relaxed) => !relaxed || wasmFeatures().relaxedSimd);

/** Asserts `got` equals the TypeScript kernel within float32 rounding of a k-term dot product. */
function expectAgrees(args: MatmulArgs, got: Float32Array): void {
  const expected = new Float32Array(got.length).fill(Number.NaN);
  matmulJs({ ...args, out: expected });
  const { a, b, m, k, n, transA, transB, aOffset, bOffset, outOffset } = args;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      // The error bound of a float32 dot product: k roundings of terms up to Σ|a·b|.
      let scale = 0;
      for (let p = 0; p < k; p++) {
        const av = transA ? a[aOffset + p * m + i]! : a[aOffset + i * k + p]!;
        const bv = transB ? b[bOffset + j * k + p]! : b[bOffset + p * n + j]!;
        scale += Math.abs(av * bv);
      }
      const o = outOffset + i * n + j;
      const diff = Math.abs(got[o]! - expected[o]!);
      // Plus one subnormal step per term: products that underflow round differently in float32.
      if (!(diff <= 4 * (k + 1) * 2 ** -24 * scale + (k + 1) * 2 ** -149)) {
        expect.fail(
          `(${m},${k},${n}) transA=${transA} transB=${transB}: C[${i},${j}] = ${got[o]}, TypeScript ${expected[o]}`,
        );
      }
    }
  }
  // Only the output block is written.
  for (let o = 0; o < got.length; o++) {
    if (o < outOffset || o >= outOffset + m * n) expect(got[o]).toBeNaN();
  }
}

const caseArb = (maxDim: number) =>
  fc
    .record({
      m: fc.integer({ min: 1, max: maxDim }),
      k: fc.integer({ min: 1, max: maxDim }),
      n: fc.integer({ min: 1, max: maxDim }),
      transA: fc.boolean(),
      transB: fc.boolean(),
      aOffset: fc.integer({ min: 0, max: 5 }),
      bOffset: fc.integer({ min: 0, max: 5 }),
      outOffset: fc.integer({ min: 0, max: 5 }),
    })
    .chain((s) =>
      fc
        .tuple(
          floatArrayArb(s.aOffset + s.m * s.k, { min: -2, max: 2 }),
          floatArrayArb(s.bOffset + s.k * s.n, { min: -2, max: 2 }),
        )
        .map(([a, b]) => ({ ...s, a: Float32Array.from(a), b: Float32Array.from(b) })),
    );

function runWasm(
  gemm: WasmGemm,
  s: Omit<MatmulArgs, 'out'> | Omit<LinearArgs, 'out'>,
): MatmulArgs & { out: Float32Array } {
  const out = new Float32Array(s.outOffset + s.m * s.n + 3).fill(Number.NaN);
  const args = { ...s, out };
  gemm.run(args);
  return args;
}

describe.each(variants)('the WebAssembly product (relaxed SIMD: %s)', (relaxed) => {
  const gemm = new WasmGemm(relaxed);

  it('equals the TypeScript kernel on small shapes of every layout, at any offsets', () => {
    fc.assert(
      fc.property(caseArb(13), (s) => {
        const args = runWasm(gemm, s);
        expectAgrees(args, args.out);
      }),
      { numRuns: runs(300) },
    );
  });

  it('equals it across K and M blocks and on prime sizes', () => {
    const shapes = [
      [131, 389, 67],
      [257, 769, 9],
      [1, 1031, 1],
      [7, 3, 1021],
      [130, 400, 17],
    ] as const;
    let seed = 1;
    for (const [m, k, n] of shapes) {
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          const a = randn([m * k + 3], { seed: seed++ }).data as Float32Array;
          const b = randn([k * n + 1], { seed: seed++ }).data as Float32Array;
          const args = runWasm(gemm, {
            a,
            b,
            m,
            k,
            n,
            transA,
            transB,
            aOffset: 3,
            bOffset: 1,
            outOffset: 2,
          });
          expectAgrees(args, args.out);
          // With a bias: added once, on the first K block only.
          const bias = randn([n], { seed: seed++ }).data as Float32Array;
          const { out: _, ...operands } = args;
          const withBias = runWasm(gemm, { ...operands, bias });
          for (let o = 0; o < m * n; o++) {
            const want = args.out[2 + o]! + bias[o % n]!;
            expect(Math.abs(withBias.out[2 + o]! - want)).toBeLessThan(1e-4 * (1 + Math.abs(want)));
          }
        }
      }
    }
  });

  it('adds a bias row like linearJs, in every layout', () => {
    fc.assert(
      fc.property(
        caseArb(20).chain((s) =>
          floatArrayArb(s.n, { min: -2, max: 2 }).map((b) => ({
            ...s,
            bias: Float32Array.from(b),
          })),
        ),
        (s) => {
          const out = new Float32Array(s.outOffset + s.m * s.n + 3).fill(Number.NaN);
          const args = { ...s, out };
          gemm.run(args);
          const expected = new Float32Array(out.length).fill(Number.NaN);
          linearJs({ ...s, out: expected });
          for (let o = 0; o < out.length; o++) {
            if (Number.isNaN(expected[o]!)) expect(out[o]).toBeNaN();
            else expect(Math.abs(out[o]! - expected[o]!)).toBeLessThan(1e-4 * (s.k + 1));
          }
        },
      ),
      { numRuns: runs(150) },
    );
  });

  it('is reused across calls of growing and shrinking size', () => {
    for (const [m, k, n] of [
      [40, 50, 60],
      [300, 200, 100],
      [5, 6, 7],
      [300, 200, 100],
    ] as const) {
      const a = randn([m * k], { seed: m }).data as Float32Array;
      const b = randn([k * n], { seed: n }).data as Float32Array;
      const args = runWasm(gemm, {
        a,
        b,
        m,
        k,
        n,
        transA: false,
        transB: true,
        aOffset: 0,
        bOffset: 0,
        outOffset: 0,
      });
      expectAgrees(args, args.out);
    }
  });
});

describe.each(variants)('matmul on the WebAssembly backend (relaxed SIMD: %s)', (relaxed) => {
  afterAll(() => setKernels(jsKernels));

  it('shares its memory with the elementwise kernels without either disturbing the other', () => {
    const backend = wasmKernels({ relaxed })!;
    const a = randn([30, 20], { seed: 1 });
    const b = randn([20, 17], { seed: 2 });
    setKernels(jsKernels);
    const expected = matmul(a, b);
    setKernels(backend);
    // ReLU over a large array writes its operands from the start of the shared memory.
    const junk = new Float32Array(5000).fill(7);
    backend.unary.relu(junk, new Float32Array(5000));
    const got = matmul(a, b);
    for (let i = 0; i < got.size; i++) {
      expect(Math.abs(got.data[i]! - expected.data[i]!)).toBeLessThan(1e-4);
    }
  });

  it('equals the TypeScript backend on batched, broadcast operands of every layout', () => {
    const backend = wasmKernels({ relaxed });
    expect(backend).not.toBeNull();
    const dims = fc.integer({ min: 1, max: 40 });
    fc.assert(
      fc.property(
        fc.record({
          batchA: fc.constantFrom([], [2], [3, 1], [1, 2]),
          batchB: fc.constantFrom([], [2], [1], [3, 2]),
          m: dims,
          k: dims,
          n: dims,
          transposeA: fc.boolean(),
          transposeB: fc.boolean(),
          seed: fc.integer({ min: 0, max: 1000 }),
        }),
        (s) => {
          const aShape = [...s.batchA, ...(s.transposeA ? [s.k, s.m] : [s.m, s.k])];
          const bShape = [...s.batchB, ...(s.transposeB ? [s.n, s.k] : [s.k, s.n])];
          const a = randn(aShape, { seed: s.seed });
          const b = randn(bShape, { seed: s.seed + 1 });
          const flags = { transposeA: s.transposeA, transposeB: s.transposeB };
          setKernels(jsKernels);
          const expected = matmul(a, b, flags);
          setKernels(backend!);
          const got = matmul(a, b, flags);
          expect(got.shape).toEqual(expected.shape);
          for (let i = 0; i < got.size; i++) {
            expect(Math.abs(got.data[i]! - expected.data[i]!)).toBeLessThan(1e-4 * (s.k + 1));
          }
        },
      ),
      { numRuns: runs(60) },
    );
  });
});
