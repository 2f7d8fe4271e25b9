import * as autograd from '@nabla/autograd';
import { mul, sum } from '@nabla/autograd';
import * as losses from '@nabla/losses';
import { describe, expect, it } from 'vitest';
import { uniform } from '../../src/gradcheck/inputs.js';
import { runCase, selectCases } from '../../src/gradcheck/run.js';

/** Exported functions that are not differentiable ops: classes, grad modes, transforms, checks. */
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
  'InputCheckError',
]);

describe('the gradcheck table', () => {
  // Derived from the packages' exports, so an op added to @nabla/autograd or a loss added to
  // @nabla/losses without a case here fails this test instead of going unchecked.
  it('has a case for every differentiable op of @nabla/autograd and every loss', () => {
    const names = new Set(selectCases(undefined).map((c) => c.name.split(' ')[0]));
    const functions = (api: object) =>
      Object.entries(api)
        .filter(([name, value]) => typeof value === 'function' && !NOT_OPS.has(name))
        .map(([name]) => name);
    const ops = [...functions(autograd), ...functions(losses)];
    expect(ops.length).toBeGreaterThan(50);
    expect(ops.filter((op) => !names.has(op))).toEqual([]);
  });

  it('reports a wrong gradient as a failure instead of throwing', () => {
    // x · detach(x) has the value x² but the gradient x: half the true one.
    const row = runCase({
      name: 'wrong square',
      family: 'elementwise',
      f: (x) => sum(mul(x, x.detach())),
      inputs: () => [uniform([3], 1, 0.5, 1)],
    });
    expect(row.pass).toBe(false);
    expect(row.maxAbsError).toBeGreaterThan(0.1);
  });

  it('reports an op that throws as a failure with its message', () => {
    const row = runCase({
      name: 'throws',
      family: 'elementwise',
      f: () => {
        throw new Error('boom');
      },
      inputs: () => [uniform([2], 1)],
    });
    expect(row.pass).toBe(false);
    expect(row.error).toMatch(/boom/);
  });
});
