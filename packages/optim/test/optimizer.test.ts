// The Optimizer bookkeeping: defaults, groups, zeroGrad, skipping, closures, state and errors.
import { variable } from '@nabla/autograd';
import { ArgumentError, DTypeError, NablaError, Tensor } from '@nabla/tensor';
import { describe, expect, it } from 'vitest';
import { Adagrad, Adam, AdamW, RMSprop, SGD } from '../src/index.js';
import { lossOf, makeParams, paramList, trainStep } from './problem.js';

describe("torch's defaults", () => {
  const ps = () => paramList(makeParams());
  it('for every option not given', () => {
    expect(new SGD(ps()).defaults).toEqual({
      lr: 1e-3,
      momentum: 0,
      dampening: 0,
      weightDecay: 0,
      nesterov: false,
      maximize: false,
    });
    expect(new Adam(ps()).defaults).toEqual({
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
      maximize: false,
    });
    expect(new AdamW(ps()).defaults).toMatchObject({ lr: 1e-3, weightDecay: 1e-2 });
    expect(new Adagrad(ps()).defaults).toEqual({
      lr: 1e-2,
      lrDecay: 0,
      weightDecay: 0,
      initialAccumulatorValue: 0,
      eps: 1e-10,
      maximize: false,
    });
    expect(new RMSprop(ps()).defaults).toEqual({
      lr: 1e-2,
      alpha: 0.99,
      eps: 1e-8,
      weightDecay: 0,
      momentum: 0,
      centered: false,
      maximize: false,
    });
  });

  it('keeps the API shape external checks use', () => {
    const params = ps();
    const opt = new Adam(params, { lr: 1e-3, betas: [0.9, 0.999], weightDecay: 0 });
    expect(opt.paramGroups).toHaveLength(1);
    expect(opt.paramGroups[0]!.params).toEqual(params);
    const grouped = new Adam(
      [{ params: params.slice(0, 2), lr: 0.1 }, { params: params.slice(2) }],
      { lr: 0.01, eps: 1e-6 },
    );
    expect(grouped.paramGroups.map((g) => [g.lr, g.eps])).toEqual([
      [0.1, 1e-6],
      [0.01, 1e-6],
    ]);
  });

  it('treats an option given as undefined as not given', () => {
    expect(new SGD(ps(), { lr: undefined, momentum: 0.5 }).defaults.lr).toBe(1e-3);
  });
});

describe('parameter groups', () => {
  it('override the defaults option by option', () => {
    const p = makeParams();
    const opt = new SGD(
      [
        { params: [p.W!], lr: 0.5, weightDecay: 1e-4 },
        { params: [p.b!, p.u!], momentum: 0 },
      ],
      { lr: 0.1, momentum: 0.9 },
    );
    expect(opt.paramGroups[0]).toMatchObject({ lr: 0.5, momentum: 0.9, weightDecay: 1e-4 });
    expect(opt.paramGroups[1]).toMatchObject({ lr: 0.1, momentum: 0, weightDecay: 0 });
  });

  it('make no weight decay on biases one line', () => {
    const p = makeParams();
    const named = Object.entries(p);
    const opt = new AdamW([
      { params: named.filter(([n]) => n !== 'b').map(([, v]) => v) },
      { params: named.filter(([n]) => n === 'b').map(([, v]) => v), weightDecay: 0 },
    ]);
    expect(opt.paramGroups.map((g) => g.weightDecay)).toEqual([1e-2, 0]);
  });

  it('take a single Variable, any iterable, and addParamGroup', () => {
    const p = makeParams();
    const opt = new SGD([{ params: p.W! }], { lr: 0.1 });
    opt.addParamGroup({ params: new Set([p.b!, p.u!]), lr: 0.2 });
    expect(opt.paramGroups.map((g) => [g.params.length, g.lr])).toEqual([
      [1, 0.1],
      [2, 0.2],
    ]);
    expect(() => opt.addParamGroup({ params: [p.W!] })).toThrow(/appears more than once/);
  });

  it('accept a generator of parameters', () => {
    const p = makeParams();
    function* parameters() {
      yield* paramList(p);
    }
    expect(new SGD(parameters()).paramGroups[0]!.params).toHaveLength(4);
  });

  it('are what schedulers and users change between steps', () => {
    const p = makeParams();
    const opt = new SGD(paramList(p), { lr: 0.1 });
    opt.paramGroups[0]!.lr = 0;
    const before = p.W!.data.data.slice();
    trainStep(opt, p);
    expect(p.W!.data.data).toEqual(before);
  });
});

describe('zeroGrad', () => {
  it('sets every gradient to null (set_to_none), or to zeros in place', () => {
    const p = makeParams();
    const params = paramList(p);
    const opt = new SGD(params);
    lossOf(p).backward();
    expect(p.W!.grad).not.toBeNull();
    const gradBuffer = p.W!.grad!.data;
    opt.zeroGrad({ setToNone: false });
    expect(p.W!.grad!.data).toBe(gradBuffer);
    expect(Array.from(gradBuffer).every((x) => x === 0)).toBe(true);
    opt.zeroGrad();
    for (const v of params) expect(v.grad).toBeNull();
  });
});

describe('step', () => {
  it('updates parameters in place and skips those without a gradient', () => {
    const p = makeParams();
    const buffers = paramList(p).map((v) => v.data.data);
    const unused = p.unused!.data.data.slice();
    const opt = new Adam(paramList(p), { lr: 0.1 });
    for (let i = 0; i < 3; i++) trainStep(opt, p);
    paramList(p).forEach((v, i) => {
      expect(v.data.data).toBe(buffers[i]);
    });
    expect(p.unused!.data.data).toEqual(unused);
    expect(opt.stateOf(p.unused!)).toBeUndefined();
    expect(opt.stateOf(p.W!)?.step).toBe(3);
  });

  it('calls the closure first and returns its loss', () => {
    const p = makeParams();
    const opt = new SGD(paramList(p), { lr: 0.1 });
    const loss = opt.step(() => {
      opt.zeroGrad();
      const l = lossOf(p);
      l.backward();
      return l.item();
    });
    expect(loss).toBeCloseTo(0.263074238174, 10);
  });

  it('keeps float32 parameters and state float32', () => {
    const p = makeParams('float32');
    const opt = new Adam(paramList(p), { amsgrad: true });
    trainStep(opt, p);
    const state = opt.stateOf(p.W!)!;
    expect(p.W!.data.data).toBeInstanceOf(Float32Array);
    expect(state.expAvg).toBeInstanceOf(Float32Array);
    expect(state.maxExpAvgSq).toBeInstanceOf(Float32Array);
  });
});

describe('bad parameters', () => {
  it('are rejected with typed errors', () => {
    const p = makeParams();
    expect(() => new SGD([])).toThrow(/empty parameter list/);
    expect(() => new SGD([p.W!, p.W!])).toThrow(ArgumentError);
    expect(() => new SGD([p.W!, p.W!])).toThrow(/appears more than once/);
    expect(() => new SGD([{ params: [p.W!, p.b!] }, { params: [p.b!] }])).toThrow(
      /param group 1: params\[0\].*appears more than once/,
    );
    const ints = variable([1, 2], { dtype: 'int32' });
    expect(() => new SGD([ints])).toThrow(DTypeError);
    expect(() => new SGD([new Tensor(new Float64Array(2), [2])] as never)).toThrow(
      /must be a Variable, got a Tensor/,
    );
    expect(() => new SGD(p.W! as never)).toThrow(/pass model.parameters\(\) or \[param\]/);
    expect(() => new SGD([p.W!, { params: [p.b!] }] as never)).toThrow(
      /mixes Variables and parameter groups/,
    );
  });

  it('reject unknown options, pointing snake_case to camelCase', () => {
    const ps = paramList(makeParams());
    expect(() => new Adam(ps, { weight_decay: 0.1 } as never)).toThrow(
      /unknown option weight_decay \(did you mean weightDecay\?\)/,
    );
    expect(() => new SGD([{ params: ps, momentun: 0.9 } as never])).toThrow(
      /unknown group option momentun/,
    );
  });

  it('are NablaErrors, so callers can tell misuse from bugs', () => {
    try {
      new SGD([]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(NablaError);
      expect((error as NablaError).op).toBe('SGD');
    }
  });
});
