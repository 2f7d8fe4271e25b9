import { expectAllClose, runs } from '@nabla/testkit';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  add,
  DTypeError,
  jsKernels,
  kernels,
  linear,
  matmul,
  randn,
  ShapeError,
  setKernels,
  wasmKernels,
  zeros,
} from '../index.js';

const original = kernels();
const backends = [
  ['TypeScript', jsKernels],
  ['WebAssembly', wasmKernels({ relaxed: false })!],
] as const;

describe.each(backends)('linear on the %s kernels', (_, backend) => {
  afterAll(() => setKernels(original));

  it('is matmul with a transposed weight, plus the bias, for any batch axes', () => {
    setKernels(backend);
    fc.assert(
      fc.property(
        fc.record({
          batch: fc.constantFrom([], [0], [3], [2, 5], [1, 40]),
          inF: fc.integer({ min: 0, max: 30 }),
          outF: fc.integer({ min: 0, max: 30 }),
          withBias: fc.boolean(),
          dtype: fc.constantFrom('float32' as const, 'float64' as const),
          seed: fc.integer({ min: 0, max: 100 }),
        }),
        ({ batch, inF, outF, withBias, dtype, seed }) => {
          const x = randn([...batch, inF], { seed, dtype });
          const w = randn([outF, inF], { seed: seed + 1, dtype });
          const b = withBias ? randn([outF], { seed: seed + 2, dtype }) : null;
          const got = linear(x, w, b);
          const product = matmul(x, w, { transposeB: true });
          const want = b === null ? product : add(product, b);
          expect(got.shape).toEqual([...batch, outF]);
          expect(got.dtype).toBe(dtype);
          expectAllClose(got, want, { rtol: 1e-5, atol: 1e-5 });
        },
      ),
      { numRuns: runs(60) },
    );
  });
});

describe('linear errors', () => {
  it('names the shapes and dtypes that do not fit', () => {
    expect(() => linear(zeros([2, 3]), zeros([4, 5]))).toThrow(ShapeError);
    expect(() => linear(zeros([2, 3]), zeros([4, 3]), zeros([5]))).toThrow(
      'linear: bias must have shape [4] for weight [4,3], got [5]',
    );
    expect(() => linear(zeros([2, 3]), zeros([4, 3], { dtype: 'float64' }))).toThrow(DTypeError);
  });
});
