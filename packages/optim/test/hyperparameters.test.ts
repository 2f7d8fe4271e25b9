// Every hyperparameter out of range throws an ArgumentError naming the option and the value.
import { variable } from '@nabla/autograd';
import { ArgumentError } from '@nabla/tensor';
import { runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Adagrad, Adam, AdamW, RMSprop, SGD } from '../src/index.js';

const param = () => variable([1, 2], { requiresGrad: true, dtype: 'float64' });

type Make = (options: object) => unknown;
const MAKERS: Record<string, Make> = {
  SGD: (o) => new SGD([param()], o),
  Adagrad: (o) => new Adagrad([param()], o),
  RMSprop: (o) => new RMSprop([param()], o),
  Adam: (o) => new Adam([param()], o),
  AdamW: (o) => new AdamW([param()], o),
};

// [optimizer, options, the option named in the message, the value shown]
const BAD: [string, object, string, string][] = [
  ['SGD', { lr: -0.1 }, 'lr', '-0.1'],
  ['SGD', { lr: Number.NaN }, 'lr', 'NaN'],
  ['SGD', { lr: Number.POSITIVE_INFINITY }, 'lr', 'Infinity'],
  ['SGD', { lr: '0.1' }, 'lr', '"0.1"'],
  ['SGD', { momentum: -0.9 }, 'momentum', '-0.9'],
  ['SGD', { dampening: -0.1 }, 'dampening', '-0.1'],
  ['SGD', { dampening: 1.5 }, 'dampening', '1.5'],
  ['SGD', { weightDecay: -1e-4 }, 'weightDecay', '-0.0001'],
  ['SGD', { nesterov: true }, 'nesterov', 'momentum 0'],
  ['SGD', { nesterov: true, momentum: 0.9, dampening: 0.1 }, 'nesterov', 'dampening 0.1'],
  ['SGD', { nesterov: 1 }, 'nesterov', '1'],
  ['SGD', { maximize: 'yes' }, 'maximize', '"yes"'],
  ['Adagrad', { lr: -1 }, 'lr', '-1'],
  ['Adagrad', { lrDecay: -0.1 }, 'lrDecay', '-0.1'],
  ['Adagrad', { eps: -1e-10 }, 'eps', '-1e-10'],
  ['Adagrad', { initialAccumulatorValue: -0.1 }, 'initialAccumulatorValue', '-0.1'],
  ['Adagrad', { weightDecay: -0.1 }, 'weightDecay', '-0.1'],
  ['RMSprop', { lr: -1 }, 'lr', '-1'],
  ['RMSprop', { alpha: -0.1 }, 'alpha', '-0.1'],
  ['RMSprop', { alpha: 1.1 }, 'alpha', '1.1'],
  ['RMSprop', { eps: -1 }, 'eps', '-1'],
  ['RMSprop', { momentum: -0.5 }, 'momentum', '-0.5'],
  ['RMSprop', { weightDecay: -0.5 }, 'weightDecay', '-0.5'],
  ['RMSprop', { centered: 0 }, 'centered', '0'],
  ['Adam', { lr: -1e-3 }, 'lr', '-0.001'],
  ['Adam', { betas: [1, 0.999] }, 'betas[0]', '1'],
  ['Adam', { betas: [-0.1, 0.999] }, 'betas[0]', '-0.1'],
  ['Adam', { betas: [0.9, 1] }, 'betas[1]', '1'],
  ['Adam', { betas: [0.9, 1.5] }, 'betas[1]', '1.5'],
  ['Adam', { betas: [0.9] }, 'betas', '[0.9]'],
  ['Adam', { betas: 0.9 }, 'betas', '0.9'],
  ['Adam', { eps: -1e-8 }, 'eps', '-1e-8'],
  ['Adam', { weightDecay: -0.01 }, 'weightDecay', '-0.01'],
  ['Adam', { amsgrad: 'true' }, 'amsgrad', '"true"'],
  ['AdamW', { weightDecay: -0.01 }, 'weightDecay', '-0.01'],
  ['AdamW', { betas: [0.9, -0.5] }, 'betas[1]', '-0.5'],
];

describe('bad hyperparameters', () => {
  for (const [name, options, option, shown] of BAD) {
    it(`${name} ${JSON.stringify(options)} names ${option}`, () => {
      const make = () => MAKERS[name]!(options);
      expect(make).toThrow(ArgumentError);
      expect(make).toThrow(
        new RegExp(`^${name}: .*${escapeRegExp(option)}.*${escapeRegExp(shown)}`),
      );
    });
  }

  it('in a group, name the group', () => {
    expect(() => new Adam([{ params: [param()] }, { params: [param()], lr: -1 }])).toThrow(
      /^Adam param group 1: lr must be a finite number >= 0, got -1$/,
    );
    const opt = new SGD([param()]);
    expect(() => opt.addParamGroup({ params: [param()], momentum: -1 })).toThrow(
      /^SGD param group 1: momentum/,
    );
  });

  it('any negative learning rate, for every optimizer', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(MAKERS)),
        fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
        (name, lr) => {
          expect(() => MAKERS[name]!({ lr })).toThrow(/lr must be a finite number >= 0/);
        },
      ),
      { numRuns: runs(100) },
    );
  });

  it('any beta outside [0, 1)', () => {
    const outside = fc.oneof(
      fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
      fc.double({ min: 1, noNaN: true }),
    );
    fc.assert(
      fc.property(outside, fc.boolean(), (beta, first) => {
        const betas = first ? [beta, 0.999] : [0.9, beta];
        expect(() => new Adam([param()], { betas: betas as [number, number] })).toThrow(
          first ? /betas\[0\] must be a number in \[0, 1\)/ : /betas\[1\] must be/,
        );
      }),
      { numRuns: runs(100) },
    );
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
