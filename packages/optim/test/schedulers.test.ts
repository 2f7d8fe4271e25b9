// Schedulers resume from state dicts exactly, and reject bad hyperparameters by name.
import { variable } from '@nabla/autograd';
import { ArgumentError, tensor } from '@nabla/tensor';
import { describe, expect, it } from 'vitest';
import {
  CosineAnnealingLR,
  ExponentialLR,
  LinearLR,
  ReduceLROnPlateau,
  SequentialLR,
  StepLR,
} from '../src/index.js';
import { fixtures, makeScheduler, twoGroupSGD } from './schedules.js';

describe('scheduler state dicts', () => {
  for (const c of fixtures.cases.filter((k) => k.schedulers.length === 1)) {
    it(`${c.name}: save halfway, load into fresh optimizer and scheduler, same rates`, () => {
      const steps = c.lrs.length - 1;
      const half = Math.floor(steps / 2);
      const opt = twoGroupSGD();
      const sched = makeScheduler(opt, c.schedulers[0]!);
      for (let i = 0; i < half; i++) sched.step(c.metrics?.[i]);
      const savedOpt = opt.stateDict();
      // JSON round trip: a scheduler's state dict is plain data.
      const savedSched: unknown = JSON.parse(JSON.stringify(sched.stateDict()));

      const opt2 = twoGroupSGD([7, 7]);
      const sched2 = makeScheduler(opt2, c.schedulers[0]!);
      opt2.loadStateDict(savedOpt);
      sched2.loadStateDict(savedSched);
      for (let i = half; i < steps; i++) {
        sched.step(c.metrics?.[i]);
        sched2.step(c.metrics?.[i]);
        expect(opt2.paramGroups.map((g) => g.lr)).toEqual(opt.paramGroups.map((g) => g.lr));
      }
      expect(sched2.getLastLr()).toEqual(sched.getLastLr());
    });
  }
});

describe('scheduler hyperparameters', () => {
  const cases: [string, () => unknown, RegExp][] = [
    [
      'StepLR stepSize 0',
      () => new StepLR(twoGroupSGD(), { stepSize: 0 }),
      /stepSize must be an integer >= 1, got 0/,
    ],
    ['StepLR stepSize 2.5', () => new StepLR(twoGroupSGD(), { stepSize: 2.5 }), /stepSize.*2\.5/],
    ['StepLR gamma -1', () => new StepLR(twoGroupSGD(), { stepSize: 2, gamma: -1 }), /gamma.*-1/],
    [
      'ExponentialLR gamma NaN',
      () => new ExponentialLR(twoGroupSGD(), { gamma: Number.NaN }),
      /gamma.*NaN/,
    ],
    [
      'CosineAnnealingLR tMax 0',
      () => new CosineAnnealingLR(twoGroupSGD(), { tMax: 0 }),
      /tMax.*0/,
    ],
    [
      'CosineAnnealingLR etaMin -1',
      () => new CosineAnnealingLR(twoGroupSGD(), { tMax: 5, etaMin: -1 }),
      /etaMin.*-1/,
    ],
    [
      'LinearLR startFactor 0',
      () => new LinearLR(twoGroupSGD(), { startFactor: 0 }),
      /startFactor must be in \(0, 1\], got 0/,
    ],
    ['LinearLR endFactor 2', () => new LinearLR(twoGroupSGD(), { endFactor: 2 }), /endFactor.*2/],
    [
      'LinearLR totalIters 0',
      () => new LinearLR(twoGroupSGD(), { totalIters: 0 }),
      /totalIters.*0/,
    ],
    [
      'ReduceLROnPlateau factor 1',
      () => new ReduceLROnPlateau(twoGroupSGD(), { factor: 1 }),
      /factor must be a number in \[0, 1\), got 1/,
    ],
    [
      'ReduceLROnPlateau mode',
      () => new ReduceLROnPlateau(twoGroupSGD(), { mode: 'lowest' as never }),
      /mode must be 'min' or 'max', got "lowest"/,
    ],
    [
      'ReduceLROnPlateau patience -1',
      () => new ReduceLROnPlateau(twoGroupSGD(), { patience: -1 }),
      /patience.*-1/,
    ],
    [
      'ReduceLROnPlateau minLr per group',
      () => new ReduceLROnPlateau(twoGroupSGD(), { minLr: [0] }),
      /minLr must be a number or one number per parameter group \(2\)/,
    ],
    [
      'SequentialLR milestones',
      () => {
        const opt = twoGroupSGD();
        return new SequentialLR(opt, {
          schedulers: [new LinearLR(opt), new StepLR(opt, { stepSize: 2 })],
          milestones: [],
        });
      },
      /milestones must be 1 increasing positive integers/,
    ],
    [
      'SequentialLR other optimizer',
      () => {
        const opt = twoGroupSGD();
        return new SequentialLR(opt, { schedulers: [new LinearLR(twoGroupSGD())], milestones: [] });
      },
      /schedulers\[0\] must be a scheduler of this optimizer/,
    ],
  ];
  for (const [name, make, message] of cases) {
    it(name, () => {
      expect(make).toThrow(ArgumentError);
      expect(make).toThrow(message);
    });
  }
});

describe('schedulers', () => {
  it("record each group's initial rate once, as torch's initial_lr", () => {
    const opt = twoGroupSGD();
    new StepLR(opt, { stepSize: 1, gamma: 0.5 }).step();
    const second = new ExponentialLR(opt, { gamma: 0.9 });
    expect(opt.paramGroups.map((g) => g.initialLr)).toEqual([0.1, 0.02]);
    expect(second.baseLrs).toEqual([0.1, 0.02]);
  });

  it('read the current rate, so a manual change carries on (chainable form)', () => {
    const opt = twoGroupSGD();
    const sched = new ExponentialLR(opt, { gamma: 0.5 });
    opt.paramGroups[0]!.lr = 1;
    sched.step();
    expect(sched.getLastLr()).toEqual([0.5, 0.01]);
  });
});

describe('ReduceLROnPlateau', () => {
  it('takes a one-element Variable or Tensor as the metric, and rejects NaN', () => {
    const opt = twoGroupSGD();
    const sched = new ReduceLROnPlateau(opt, { patience: 0 });
    sched.step(variable([1]));
    sched.step(tensor(2));
    expect(sched.getLastLr()).toEqual([0.010000000000000002, 0.002]);
    expect(() => sched.step(Number.NaN)).toThrow(/metric must be a number, got NaN/);
  });
});

describe('SequentialLR', () => {
  it('resumes from its state dict, with its schedulers', () => {
    const make = (opt: ReturnType<typeof twoGroupSGD>) =>
      new SequentialLR(opt, {
        schedulers: [
          new LinearLR(opt, { startFactor: 0.01, totalIters: 5 }),
          new CosineAnnealingLR(opt, { tMax: 20 }),
        ],
        milestones: [5],
      });
    const opt = twoGroupSGD();
    const sched = make(opt);
    for (let i = 0; i < 7; i++) sched.step();
    const savedOpt = opt.stateDict();
    const savedSched = JSON.parse(JSON.stringify(sched.stateDict())) as never;
    const opt2 = twoGroupSGD();
    const sched2 = make(opt2);
    opt2.loadStateDict(savedOpt);
    sched2.loadStateDict(savedSched);
    for (let i = 0; i < 20; i++) {
      sched.step();
      sched2.step();
      expect(sched2.getLastLr()).toEqual(sched.getLastLr());
    }
  });
});
