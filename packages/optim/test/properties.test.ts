// Laws every implementation must obey, over random parameters, gradients and options.
import { variable } from '@nabla/autograd';
import { Tensor } from '@nabla/tensor';
import { runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Adam, AdamW, SGD, sgdUpdate } from '../src/index.js';

const values = (n: number) =>
  fc.float64Array({
    minLength: n,
    maxLength: n,
    min: -1e3,
    max: 1e3,
    noNaN: true,
    noDefaultInfinity: true,
  });

/** A float64 parameter of `n` values with a given gradient. */
function paramWithGrad(data: Float64Array, grad: Float64Array) {
  const p = variable(new Tensor(data.slice(), [data.length]), { requiresGrad: true });
  p.grad = new Tensor(grad.slice(), [grad.length]);
  return p;
}

/** Size first, then data of that size (the habit of shape-then-data arbitraries). */
const problem = fc
  .integer({ min: 1, max: 8 })
  .chain((n) =>
    fc.record({ data: values(n), grads: fc.array(values(n), { minLength: 1, maxLength: 5 }) }),
  );

describe('SGD', () => {
  it('with lr 0 changes nothing, whatever the other options', () => {
    const options = fc.record({
      momentum: fc.double({ min: 0, max: 0.99, noNaN: true }),
      dampening: fc.constant(0),
      weightDecay: fc.double({ min: 0, max: 1, noNaN: true }),
      nesterov: fc.boolean(),
      maximize: fc.boolean(),
    });
    fc.assert(
      fc.property(problem, options, ({ data, grads }, o) => {
        fc.pre(!o.nesterov || o.momentum > 0);
        const p = paramWithGrad(data, grads[0]!);
        const opt = new SGD([p], { ...o, lr: 0 });
        for (const g of grads) {
          p.grad = new Tensor(g.slice(), [g.length]);
          opt.step();
        }
        // Equal as numbers: −0 may come back as +0, as in torch (−0 − 0·g is +0).
        p.data.data.forEach((x, i) => {
          expect(x === data[i]).toBe(true);
        });
      }),
      { numRuns: runs(100) },
    );
  });

  it('maximizing f equals minimizing −f', () => {
    fc.assert(
      fc.property(problem, fc.double({ min: 0, max: 0.9, noNaN: true }), ({ data, grads }, m) => {
        const a = paramWithGrad(data, grads[0]!);
        const b = paramWithGrad(data, grads[0]!);
        const up = new SGD([a], { lr: 0.01, momentum: m, maximize: true });
        const down = new SGD([b], { lr: 0.01, momentum: m });
        for (const g of grads) {
          a.grad = new Tensor(g.slice(), [g.length]);
          b.grad = new Tensor(
            g.map((x) => -x),
            [g.length],
          );
          up.step();
          down.step();
        }
        expect(a.data.data).toEqual(b.data.data);
      }),
      { numRuns: runs(100) },
    );
  });

  it("with momentum is the lecture's v ← αv + λ∇w, w ← w − v (learning rate folded into v)", () => {
    fc.assert(
      fc.property(
        problem,
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 1e-4, max: 1, noNaN: true }),
        ({ data, grads }, alpha, lambda) => {
          const p = paramWithGrad(data, grads[0]!);
          const opt = new SGD([p], { lr: lambda, momentum: alpha });
          const w = Float64Array.from(data);
          const v = new Float64Array(data.length);
          for (const g of grads) {
            p.grad = new Tensor(g.slice(), [g.length]);
            opt.step();
            for (let i = 0; i < w.length; i++) {
              v[i] = alpha * v[i]! + lambda * g[i]!;
              w[i] = w[i]! - v[i]!;
            }
          }
          p.data.data.forEach((x, i) => {
            expect(Math.abs(x - w[i]!)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(w[i]!)));
          });
        },
      ),
      { numRuns: runs(100) },
    );
  });
});

describe('Adam', () => {
  it('moves each parameter by at most ≈ lr on its first step', () => {
    fc.assert(
      fc.property(
        problem,
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.double({ min: 0, max: 0.9999, noNaN: true }),
        fc.boolean(),
        ({ data, grads }, lr, beta1, beta2, amsgrad) => {
          const p = paramWithGrad(data, grads[0]!);
          new Adam([p], { lr, betas: [beta1, beta2], amsgrad }).step();
          p.data.data.forEach((x, i) => {
            // |Δw| = lr·|g|/(|g| + ε) ≤ lr, up to rounding of w's magnitude.
            expect(Math.abs(x - data[i]!)).toBeLessThanOrEqual(
              lr * (1 + 1e-12) + 1e-13 * Math.abs(data[i]!),
            );
          });
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('AdamW without weight decay is Adam, bit for bit', () => {
    fc.assert(
      fc.property(problem, fc.boolean(), ({ data, grads }, amsgrad) => {
        const a = paramWithGrad(data, grads[0]!);
        const b = paramWithGrad(data, grads[0]!);
        const adam = new Adam([a], { lr: 0.01, amsgrad });
        const adamw = new AdamW([b], { lr: 0.01, amsgrad, weightDecay: 0 });
        for (const g of grads) {
          a.grad = new Tensor(g.slice(), [g.length]);
          b.grad = new Tensor(g.slice(), [g.length]);
          adam.step();
          adamw.step();
        }
        expect(a.data.data).toEqual(b.data.data);
      }),
      { numRuns: runs(100) },
    );
  });
});

describe('update functions', () => {
  it('are pure functions of typed arrays, usable without the classes', () => {
    const w = Float64Array.of(1, -2);
    const b = new Float64Array(2);
    sgdUpdate(w, Float64Array.of(0.5, 0.5), b, true, {
      lr: 0.1,
      momentum: 0.9,
      dampening: 0,
      nesterov: false,
      weightDecay: 0,
      maximize: false,
    });
    expect(Array.from(w)).toEqual([0.95, -2.05]);
    expect(Array.from(b)).toEqual([0.5, 0.5]);
  });
});
