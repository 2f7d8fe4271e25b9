// The WebAssembly elementwise kernels against their TypeScript twins, on random lengths (tiny,
// not multiples of four, large), with NaN, ±0 and ±∞ in the data.
import { floatArrayArb, runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AdamArgs, adamJs, jsKernels, reluGradJs } from '../../index.js';
import { adamWasm, reluGradWasm, reluWasm } from './elementwise.js';
import { KernelInstance } from './instance.js';

const wasm = new KernelInstance(false);
const special = fc.constantFrom(Number.NaN, 0, -0, Number.POSITIVE_INFINITY, -1e-30, 1e-30);
const values = (n: number) =>
  fc.array(fc.oneof(fc.float({ noNaN: true, min: -100, max: 100 }), special), {
    minLength: n,
    maxLength: n,
  });
const lengths = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1000, max: 2100 }));

describe('WebAssembly elementwise kernels', () => {
  it('relu and its gradient equal the TypeScript kernels bit for bit', () => {
    fc.assert(
      fc.property(
        lengths.chain((n) => fc.tuple(values(n), values(n))),
        ([xs, gs]) => {
          const x = Float32Array.from(xs);
          const g = Float32Array.from(gs);
          const got = new Float32Array(x.length);
          const want = new Float32Array(x.length);
          reluWasm(wasm, x, got);
          jsKernels.unary.relu(x, want);
          expect(got).toEqual(want);
          reluGradWasm(wasm, x, g, got);
          reluGradJs(x, g, want);
          expect(got).toEqual(want);
        },
      ),
      { numRuns: runs(100) },
    );
  });

  it("Adam's step agrees with the TypeScript kernel over several steps", () => {
    fc.assert(
      fc.property(
        lengths.chain((n) =>
          fc.tuple(
            floatArrayArb(n, { min: -2, max: 2 }),
            fc.array(floatArrayArb(n, { min: -1, max: 1 }), { minLength: 3, maxLength: 3 }),
            fc.record({
              weightDecay: fc.constantFrom(0, 0.01),
              maximize: fc.boolean(),
              beta1: fc.constantFrom(0.9, 0.5),
            }),
          ),
        ),
        ([p0, grads, o]) => {
          const state = () => ({
            param: Float32Array.from(p0),
            expAvg: new Float32Array(p0.length),
            expAvgSq: new Float32Array(p0.length),
          });
          const a = state();
          const b = state();
          grads.forEach((g, t) => {
            const step = t + 1;
            const scalars = {
              beta1: o.beta1,
              beta2: 0.999,
              stepSize: 1e-2 / (1 - o.beta1 ** step),
              inverseCorrection2Sqrt: 1 / Math.sqrt(1 - 0.999 ** step),
              eps: 1e-8,
              weightDecay: o.weightDecay,
              maximize: o.maximize,
            };
            const grad = Float32Array.from(g);
            adamWasm(wasm, { ...a, grad, ...scalars } as AdamArgs);
            adamJs({ ...b, grad, ...scalars });
          });
          // float32 arithmetic against double arithmetic rounded to float32: a few ulps per step.
          for (let i = 0; i < p0.length; i++) {
            expect(Math.abs(a.param[i]! - b.param[i]!)).toBeLessThan(
              1e-5 * (1 + Math.abs(b.param[i]!)),
            );
            expect(Math.abs(a.expAvgSq[i]! - b.expAvgSq[i]!)).toBeLessThan(
              1e-6 * (1 + b.expAvgSq[i]!),
            );
          }
        },
      ),
      { numRuns: runs(15) },
    );
  });
});
