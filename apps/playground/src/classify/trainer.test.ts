import { describe, expect, it } from 'vitest';
import { defaultState } from '../state/app-state';
import { makeData } from './data';
import { ClassifyTrainer, OUTPUT_SIZE, SPACE_LINES, UNIT_SIZE } from './trainer';

describe('ClassifyTrainer', () => {
  it('lowers the test loss on circles and draws every picture', () => {
    const state = defaultState().classify;
    const trainer = new ClassifyTrainer(state, 1, makeData(state, 1));
    const before = trainer.testLoss;
    for (let i = 0; i < 40; i++) trainer.trainEpoch();
    expect(trainer.testLoss).toBeLessThan(before * 0.5);
    const f = trainer.frame();
    expect(f.epoch).toBe(40);
    expect(f.testHistory).toHaveLength(41);
    expect(f.output).toHaveLength(OUTPUT_SIZE ** 2);
    expect(f.units.map((u) => u.length)).toEqual([4 * UNIT_SIZE ** 2, 2 * UNIT_SIZE ** 2]);
    expect(f.weights.map((w) => w.length)).toEqual([8, 8, 2]);
    for (const v of f.output) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    expect(f.space?.points).toHaveLength(2 * 500);
    expect(f.space?.lines).toHaveLength(2 * 2 * SPACE_LINES.count * SPACE_LINES.samples);
  });

  it('trains regression with squared error and a network without hidden layers', () => {
    const state = {
      ...defaultState().classify,
      problem: 'regression' as const,
      dataset: 'plane' as const,
      layers: [],
      optimizer: 'sgd' as const,
      lr: 0.01,
      l2: 0.001,
    };
    const trainer = new ClassifyTrainer(state, 3, makeData(state, 3));
    const before = trainer.testLoss;
    for (let i = 0; i < 20; i++) trainer.trainEpoch();
    expect(trainer.testLoss).toBeLessThan(before);
    expect(trainer.frame().space).toBeNull();
  });

  it('is reproducible from the seed', () => {
    const state = { ...defaultState().classify, dropout: 0.2, dataset: 'xor' as const };
    const run = () => {
      const t = new ClassifyTrainer(state, 7, makeData(state, 7));
      for (let i = 0; i < 3; i++) t.trainEpoch();
      return t.testHistory;
    };
    expect(run()).toEqual(run());
  });
});
