import { astype, ones } from '@nabla/tensor';
import { runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { gradcheck, gradgradcheck, variable } from '../src/index.js';
import { rows } from './op-table.js';

/** Exports that are not differentiable ops, so need no row. */
const NOT_OPS = new Set([
  'Variable',
  'variable',
  'noGrad',
  'enableGrad',
  'isGradEnabled',
  'gradients',
  'grad',
  'valueAndGrad',
  'hvp',
  'hessian',
  'jacobian',
  'gradcheck',
  'gradgradcheck',
  'markIntermediate',
  'peekGrad',
  'releaseGrad',
]);

describe('every differentiable op passes gradcheck', () => {
  it('has a row for every exported op', () => {
    const ops = Object.entries(api)
      .filter(([name, value]) => typeof value === 'function' && !NOT_OPS.has(name))
      .map(([name]) => name)
      .sort();
    const covered = [...new Set(rows.map((r) => r.op))].sort();
    expect(ops.filter((op) => !covered.includes(op))).toEqual([]);
    expect(covered.filter((op) => !ops.includes(op))).toEqual([]);
  });

  for (const [i, row] of rows.entries()) {
    const tolerances = { atol: row.atol ?? 1e-5, rtol: row.rtol ?? 1e-3 };
    it(`${row.op} (row ${i}): gradcheck${row.gradgrad === false ? '' : ' and gradgradcheck'}`, () => {
      fc.assert(
        fc.property(row.cases, ({ inputs, f }) => {
          expect(gradcheck(f, inputs, tolerances).ok).toBe(true);
          if (row.gradgrad !== false) expect(gradgradcheck(f, inputs, tolerances).ok).toBe(true);
        }),
        { numRuns: runs(row.runs ?? 30) },
      );
    });
  }
});

describe('every op keeps float32 gradients float32', () => {
  for (const [i, row] of rows.entries()) {
    it(`${row.op} (row ${i})`, () => {
      fc.assert(
        fc.property(row.cases, ({ inputs, f }) => {
          const xs = inputs.map((t) => variable(astype(t, 'float32'), { requiresGrad: true }));
          const y = f(...xs);
          if (row.op !== 'astype') expect(y.dtype).toBe('float32');
          y.backward(ones(y.shape, { dtype: y.dtype }), { createGraph: true });
          for (const x of xs) {
            if (x.grad === null) continue;
            expect(x.grad.dtype).toBe('float32');
            expect(x.gradVariable?.dtype ?? 'float32').toBe('float32');
          }
        }),
        { numRuns: runs(5) },
      );
    });
  }
});

// Ops with a `fast` backward compute their gradients twice over: fused loops by default, the
// reference backward under createGraph. The two must agree on every row.
describe('fast backwards agree with the reference backward', () => {
  for (const [i, row] of rows.entries()) {
    it(`${row.op} (row ${i})`, () => {
      fc.assert(
        fc.property(row.cases, ({ inputs, f }) => {
          const run = (createGraph: boolean) => {
            const xs = inputs.map((t) => variable(t, { requiresGrad: true }));
            const y = f(...xs);
            y.backward(ones(y.shape, { dtype: y.dtype }), { createGraph });
            return xs.map((x) => x.grad);
          };
          const fast = run(false);
          const reference = run(true);
          fast.forEach((g, j) => {
            const r = reference[j];
            if (g === null || r === null || r === undefined) {
              expect(g).toBe(r ?? null);
              return;
            }
            expect(g.shape).toEqual(r.shape);
            const gd = Array.from(g.data);
            Array.from(r.data).forEach((v, k) => {
              expect(gd[k]).toBeCloseTo(v, 10);
            });
          });
        }),
        { numRuns: runs(10) },
      );
    });
  }
});
