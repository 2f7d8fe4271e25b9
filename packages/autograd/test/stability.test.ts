// Logits of magnitude 1e4 overflow exp in any dtype; the stable primitives never take exp of a
// positive number, so values and gradients stay finite (and correct).

import type { DType, Tensor } from '@nabla/tensor';
import * as raw from '@nabla/tensor';
import { expectAllClose, runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binaryCrossEntropyWithLogits,
  crossEntropyWithLogits,
  logSoftmax,
  logsumexp,
  sigmoid,
  softmax,
  softplus,
  sum,
  type Variable,
  variable,
} from '../src/index.js';

function allFinite(t: Tensor): boolean {
  return Array.from(t.data).every(Number.isFinite);
}

const big = fc.constantFrom(1e4, -1e4, 3e4, -3e4, 0, 1, -1);
const bigLogits = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 4 }))
  .chain(([n, c]) =>
    fc.array(big, { minLength: n * c, maxLength: n * c }).map((v) => ({ v, shape: [n, c] })),
  );

function check(dtype: DType, f: (z: Variable) => Variable) {
  fc.assert(
    fc.property(bigLogits, ({ v, shape }) => {
      const z = variable(raw.tensor(v, { shape, dtype }), { requiresGrad: true });
      const y = f(z);
      expect(allFinite(y.data)).toBe(true);
      sum(y).backward();
      expect(allFinite(z.grad!)).toBe(true);
    }),
    { numRuns: runs(30) },
  );
}

describe.each(['float32', 'float64'] as const)(
  'finite for logits of magnitude 1e4 (%s)',
  (dtype) => {
    it('logSoftmax', () => check(dtype, (z) => logSoftmax(z, { axis: 1 })));
    it('softmax', () => check(dtype, (z) => softmax(z, { axis: 1 })));
    it('logsumexp', () => check(dtype, (z) => logsumexp(z, { axis: 1 })));
    it('sigmoid and softplus', () => check(dtype, (z) => sum(softplus(sigmoid(z)))));
    it('cross-entropy from logits (class targets)', () =>
      check(dtype, (z) =>
        crossEntropyWithLogits(z, raw.zeros([z.shape[0]!], { dtype: 'int32' }), {
          reduction: 'none',
        }),
      ));
    it('cross-entropy from logits (probability targets)', () =>
      check(dtype, (z) =>
        crossEntropyWithLogits(z, raw.full(z.shape, 1 / z.shape[1]!, { dtype: z.dtype })),
      ));
    it('binary cross-entropy from logits', () =>
      check(dtype, (z) =>
        binaryCrossEntropyWithLogits(z, raw.full(z.shape, 0.5, { dtype: z.dtype }), {
          reduction: 'none',
          posWeight: 2,
        }),
      ));
  },
);

describe('values at extreme logits', () => {
  it('cross-entropy is the logit gap, its gradient softmax − onehot', () => {
    const z = variable(
      [
        [1e4, -1e4],
        [0, 1e4],
      ],
      { requiresGrad: true, dtype: 'float64' },
    );
    const loss = crossEntropyWithLogits(z, raw.tensor([0, 0], { dtype: 'int32' }), {
      reduction: 'sum',
    });
    expect(loss.item()).toBeCloseTo(1e4, 6);
    loss.backward();
    expectAllClose(z.grad!, [
      [0, 0],
      [-1, 1],
    ]);
  });

  it('binary cross-entropy is |z| when confidently wrong, 0 when right', () => {
    const z = variable([1e4, -1e4, 1e4], { requiresGrad: true, dtype: 'float32' });
    const y = raw.tensor([0, 1, 1], { dtype: 'float32' });
    const loss = binaryCrossEntropyWithLogits(z, y, { reduction: 'none' });
    expectAllClose(loss.data, [1e4, 1e4, 0]);
    sum(loss).backward();
    expectAllClose(z.grad!, [1, -1, 0]);
  });

  it('logSoftmax keeps the log-probability of a far-behind class', () => {
    const z = variable([[0, -1e4]], { dtype: 'float64' });
    expectAllClose(logSoftmax(z).data, [[0, -1e4]]);
  });
});
