// Laws of backpropagation, checked on random shapes and float64 values.

import type { Tensor } from '@nabla/tensor';
import * as raw from '@nabla/tensor';
import { expectAllClose, runs, shapeArb, tensorArb } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  exp,
  grad,
  hessian,
  hvp,
  isGradEnabled,
  matmul,
  mul,
  noGrad,
  reshape,
  sigmoid,
  sum,
  tanh,
  type Variable,
  variable,
} from '../src/index.js';

const f64 = (t: Tensor, requiresGrad = true) => variable(t, { requiresGrad, dtype: 'float64' });
const shapes = shapeArb({ minRank: 0, maxRank: 3, minDim: 1, maxDim: 4 });
const values = (shape: readonly number[]) =>
  tensorArb({ shape, dtype: 'float64', min: -2, max: 2 });
const sameShapeTriple = shapes.chain((s) => fc.tuple(values(s), values(s), values(s)));

/** A non-scalar function of two inputs with a bit of everything: broadcasting, reuse, nonlinearity. */
function mixed(x: Variable, w: Variable): Variable {
  const h = tanh(mul(x, w));
  return add(mul(h, sigmoid(x)), exp(mul(w, 0.1)));
}

describe('backward', () => {
  it('is linear in the output gradient', () => {
    fc.assert(
      fc.property(
        shapes.chain((s) => fc.tuple(values(s), values(s), values(s), values(s))),
        fc.double({ min: -3, max: 3, noNaN: true }),
        ([x, w, g1, g2], alpha) => {
          const gradFor = (g: Tensor) => {
            const xv = f64(x);
            mixed(xv, f64(w, false)).backward(g);
            return xv.grad!;
          };
          const combined = gradFor(raw.add(g1, raw.mul(g2, alpha)));
          const separate = raw.add(gradFor(g1), raw.mul(gradFor(g2), alpha));
          expectAllClose(combined, separate, { rtol: 1e-9, atol: 1e-12 });
        },
      ),
      { numRuns: runs(40) },
    );
  });

  it('accumulates: two backward calls give twice the gradient', () => {
    fc.assert(
      fc.property(sameShapeTriple, ([x, w]) => {
        const xv = f64(x);
        const wv = f64(w);
        sum(mixed(xv, wv)).backward();
        const once = [xv.grad!.clone(), wv.grad!.clone()];
        sum(mixed(xv, wv)).backward();
        expectAllClose(xv.grad!, raw.mul(once[0]!, 2), { rtol: 1e-12 });
        expectAllClose(wv.grad!, raw.mul(once[1]!, 2), { rtol: 1e-12 });
      }),
      { numRuns: runs(40) },
    );
  });

  it('sums the gradients of a value used several times', () => {
    fc.assert(
      fc.property(sameShapeTriple, ([x]) => {
        const xv = f64(x);
        // x·x + x + tanh(x) uses x four times: d/dx = 2x + 1 + 1 − tanh²(x).
        sum(add(add(mul(xv, xv), xv), tanh(xv))).backward();
        const t = raw.tanh(x);
        const expected = raw.sub(raw.add(raw.mul(x, 2), 2), raw.mul(t, t));
        expectAllClose(xv.grad!, expected, { rtol: 1e-12, atol: 1e-12 });
      }),
      { numRuns: runs(40) },
    );
  });

  it('gives leaves of a shared pass-through gradient separate buffers', () => {
    fc.assert(
      fc.property(sameShapeTriple, ([x, y]) => {
        const a = f64(x);
        const b = f64(y);
        sum(add(a, reshape(b, b.shape))).backward();
        sum(add(a, reshape(b, b.shape))).backward();
        expect(a.grad!.data).not.toBe(b.grad!.data);
        expectAllClose(a.grad!, raw.full(x.shape, 2, { dtype: 'float64' }));
        expectAllClose(b.grad!, raw.full(x.shape, 2, { dtype: 'float64' }));
      }),
      { numRuns: runs(20) },
    );
  });

  it('records nothing inside noGrad, and restores recording afterwards', () => {
    fc.assert(
      fc.property(sameShapeTriple, ([x, w]) => {
        const xv = f64(x);
        const y = noGrad(() => {
          expect(isGradEnabled()).toBe(false);
          return mixed(xv, f64(w));
        });
        expect(isGradEnabled()).toBe(true);
        expect(y.requiresGrad).toBe(false);
        expect(y.node).toBeNull();
        expect(() =>
          noGrad(() => {
            throw new Error('boom');
          }),
        ).toThrow('boom');
        expect(isGradEnabled()).toBe(true);
      }),
      { numRuns: runs(20) },
    );
  });

  it('stops gradients at detach', () => {
    fc.assert(
      fc.property(sameShapeTriple, ([x]) => {
        const xv = f64(x);
        // d/dx [x · stop(x)] = stop(x) = x, not 2x.
        sum(mul(xv, xv.detach())).backward();
        expectAllClose(xv.grad!, x, { rtol: 1e-12 });
      }),
      { numRuns: runs(20) },
    );
  });

  it('leaves grad null on Variables that do not require gradients', () => {
    const x = variable([1, 2], { dtype: 'float64' });
    const w = variable([3, 4], { requiresGrad: true, dtype: 'float64' });
    sum(mul(x, w)).backward();
    expect(x.grad).toBeNull();
    expectAllClose(w.grad!, [1, 2]);
  });

  it('keeps the graph with retainGraph, for a second backward', () => {
    const x = variable([1, 2], { requiresGrad: true, dtype: 'float64' });
    const y = sum(mul(x, x));
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expectAllClose(x.grad!, [4, 8]);
  });

  it('builds a differentiable gradient with createGraph', () => {
    const x = variable([1, 2, 3], { requiresGrad: true, dtype: 'float64' });
    sum(mul(mul(x, x), x)).backward(undefined, { createGraph: true });
    expectAllClose(x.grad!, [3, 12, 27]);
    const g = x.gradVariable!;
    expect(g.requiresGrad).toBe(true);
    x.grad = null;
    sum(g).backward(); // d/dx Σ 3x² = 6x
    expectAllClose(x.grad!, [6, 12, 18]);
  });
});

describe('second order', () => {
  const square = fc
    .integer({ min: 1, max: 4 })
    .chain((n) => fc.tuple(values([n, n]), values([n]), values([n])));

  it('hessian of xᵀAx is A + Aᵀ', () => {
    fc.assert(
      fc.property(square, ([a, x]) => {
        const f = (xv: Variable) => sum(mul(xv, matmul(a, xv)));
        expectAllClose(hessian(f, x), raw.add(a, raw.transpose(a)), { rtol: 1e-12, atol: 1e-12 });
      }),
      { numRuns: runs(30) },
    );
  });

  it('hvp equals hessian · v', () => {
    fc.assert(
      fc.property(square, ([a, x, v]) => {
        const f = (xv: Variable) => add(sum(mul(xv, matmul(a, tanh(xv)))), sum(exp(mul(xv, 0.5))));
        const h = hessian(f, x);
        expectAllClose(hvp(f, x, v), raw.matmul(h, v), { rtol: 1e-9, atol: 1e-12 });
      }),
      { numRuns: runs(30) },
    );
  });

  it('nests grad for second derivatives', () => {
    const f = (x: Variable) => sum(mul(mul(x, x), x));
    const d2 = grad((x) => sum(grad(f)(x)));
    expectAllClose(d2(raw.tensor([1, -2], { dtype: 'float64' })).data, [6, -12]);
  });
});
