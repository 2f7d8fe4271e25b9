// Resuming from a state dict continues bit for bit; state buffers are allocated once.
import { ArgumentError, ShapeError, Tensor } from '@nabla/tensor';
import { describe, expect, it } from 'vitest';
import type { Optimizer } from '../src/index.js';
import {
  copyParams,
  fixtures,
  makeOptimizer,
  makeParams,
  type Params,
  paramList,
  trainStep,
} from './problem.js';

/** One case per optimizer and option family, from the fixtures (groups included). */
const CASES = fixtures.cases.filter((c) =>
  [
    'sgd-nesterov-wd',
    'sgd-groups',
    'adagrad-decay-wd-init',
    'rmsprop-momentum-centered-wd',
    'adam-wd-amsgrad',
    'adamw-amsgrad',
    'adam-groups',
    'adam-float32',
  ].includes(c.name),
);

function bits(params: Params): number[][] {
  return paramList(params).map((p) => {
    const d = p.data.data;
    return Array.from(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
  });
}

describe('stateDict / loadStateDict', () => {
  for (const c of CASES) {
    it(`${c.name}: 50 steps, save, 50 more equals load into a fresh optimizer and 50 more`, () => {
      const params = makeParams(c.dtype);
      const opt = makeOptimizer(c, params);
      for (let i = 0; i < 50; i++) trainStep(opt, params);
      const saved = opt.stateDict();
      const resumedParams = copyParams(params);

      for (let i = 0; i < 50; i++) trainStep(opt, params);

      const fresh = makeOptimizer(c, resumedParams);
      fresh.loadStateDict(saved);
      for (let i = 0; i < 50; i++) trainStep(fresh, resumedParams);
      expect(bits(resumedParams)).toEqual(bits(params));
      expect(fresh.stateDict()).toEqual(opt.stateDict());
    });
  }

  it('is a snapshot: later steps do not change it', () => {
    const params = makeParams();
    const opt = makeOptimizer(CASES.find((c) => c.name === 'adam-wd-amsgrad')!, params);
    trainStep(opt, params);
    const saved = opt.stateDict();
    const expAvg = (saved.state[0]!.expAvg as Tensor).data.slice();
    trainStep(opt, params);
    expect((saved.state[0]!.expAvg as Tensor).data).toEqual(expAvg);
    expect(saved.state[0]!.step).toBe(1);
  });

  it('packs parameters by index across groups and restores group options', () => {
    const c = fixtures.cases.find((k) => k.name === 'sgd-groups')!;
    const params = makeParams();
    const opt = makeOptimizer(c, params) as Optimizer<{ lr: number }>;
    const sd = opt.stateDict();
    expect(sd.paramGroups.map((g) => g.params)).toEqual([[0], [1, 2, 3]]);
    const other = makeOptimizer(c, makeParams()) as Optimizer<{ lr: number }>;
    other.paramGroups[0]!.lr = 123;
    other.loadStateDict(sd);
    expect(other.paramGroups[0]!.lr).toBe(0.1);
  });

  it('rejects a state dict that does not fit', () => {
    const c = fixtures.cases.find((k) => k.name === 'adam-groups')!;
    const params = makeParams();
    const opt = makeOptimizer(c, params) as Optimizer<{ lr: number }>;
    trainStep(opt, params);
    const sd = opt.stateDict();
    const single = makeOptimizer(
      fixtures.cases.find((k) => k.name === 'adam-default')!,
      makeParams(),
    );
    expect(() => single.loadStateDict(sd)).toThrow(/2 parameter groups, this optimizer 1/);
    expect(() =>
      opt.loadStateDict({
        ...sd,
        paramGroups: [sd.paramGroups[0]!, { ...sd.paramGroups[1]!, params: [2] }],
      }),
    ).toThrow(/has 1 parameters in the state dict, 2 here/);
    expect(() =>
      opt.loadStateDict({
        ...sd,
        paramGroups: [{ ...sd.paramGroups[0]!, lr: -1 }, sd.paramGroups[1]!],
      }),
    ).toThrow(ArgumentError);
    const wrongShape = {
      ...sd,
      state: { ...sd.state, 0: { ...sd.state[0]!, expAvg: new Tensor(new Float64Array(3), [3]) } },
    };
    expect(() => opt.loadStateDict(wrongShape)).toThrow(ShapeError);
    expect(() => opt.loadStateDict({ ...sd, state: { 9: { step: 1 } } })).toThrow(
      /parameter 9, but there are 4/,
    );
    // A failed load changes nothing.
    expect(opt.stateDict()).toEqual(sd);
  });
});

describe('the hot path allocates no state', () => {
  for (const c of CASES) {
    it(`${c.name}: the same state buffers after step 2 and step 50`, () => {
      const params = makeParams(c.dtype);
      const opt = makeOptimizer(c, params);
      const data = paramList(params).map((p) => p.data.data);
      trainStep(opt, params);
      trainStep(opt, params);
      const buffers = paramList(params).map((p) => ({ ...opt.stateOf(p) }));
      for (let i = 2; i < 50; i++) trainStep(opt, params);
      paramList(params).forEach((p, i) => {
        expect(p.data.data).toBe(data[i]);
        const now = opt.stateOf(p) ?? {};
        for (const [key, value] of Object.entries(buffers[i]!)) {
          if (typeof value !== 'number') expect(now[key as keyof typeof now]).toBe(value);
        }
      });
    });
  }
});
