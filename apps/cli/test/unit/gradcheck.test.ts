import { mul, sum } from '@nabla/autograd';
import { describe, expect, it } from 'vitest';
import { uniform } from '../../src/gradcheck/inputs.js';
import { runCase, selectCases } from '../../src/gradcheck/run.js';

describe('the gradcheck table', () => {
  it('has a case for every differentiable op of @nabla/autograd and every loss', () => {
    const names = selectCases(undefined).map((c) => c.name.split(' ')[0]);
    for (const op of [
      'add',
      'sub',
      'mul',
      'div',
      'pow',
      'maximum',
      'minimum',
      'where',
      'neg',
      'exp',
      'log',
      'log1p',
      'sqrt',
      'abs',
      'tanh',
      'sigmoid',
      'softplus',
      'relu',
      'leakyRelu',
      'clamp',
      'erf',
      'gelu',
      'sum',
      'mean',
      'max',
      'min',
      'variance',
      'logsumexp',
      'softmax',
      'logSoftmax',
      'matmul',
      'linear',
      'reshape',
      'permute',
      'transpose',
      'broadcastTo',
      'squeeze',
      'unsqueeze',
      'slice',
      'concat',
      'stack',
      'gather',
      'indexSelect',
      'crossEntropyWithLogits',
      'binaryCrossEntropyWithLogits',
      'mseLoss',
      'l1Loss',
      'huberLoss',
      'binaryCrossEntropy',
      'crossEntropy',
      'nllLoss',
      'l2Penalty',
    ]) {
      expect(names).toContain(op);
    }
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
