import { loadMnistSample } from '@nabla/datasets';
import { describe, expect, it } from 'vitest';
import { defaultState } from '../state/app-state';
import type { EpochReport } from './protocol';
import { DigitsSession } from './session';

describe('DigitsSession', () => {
  it('trains with fit, reports epochs with the smoothed validation loss, and predicts', async () => {
    const data = await loadMnistSample();
    const settings = {
      ...defaultState().digits,
      layers: [16],
      maxEpochs: 2,
      batchSize: 256,
      lr: 0.003,
    };
    const session = new DigitsSession(data, settings, 1);
    const untrained = session.predict(data.test.x.data.slice(0, 784) as Float32Array);
    expect(untrained.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const epochs: EpochReport[] = [];
    let batches = 0;
    const end = await session.train(settings, 1, {
      batch: () => batches++,
      epoch: (r) => epochs.push(r),
    });
    expect(batches).toBeGreaterThan(10);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(epochs[0]!.smoothed).toBe(epochs[0]!.valLoss); // the EMA starts at the first value
    expect(epochs[1]!.test.accuracy).toBeGreaterThan(0.7);
    expect(end.aborted).toBe(false);
    expect(end.test.mistakes.length).toBeGreaterThan(0);
    const m = end.test.mistakes[0]!;
    expect(m.label).not.toBe(m.predicted);
  }, 120_000);

  it('stops between batches when asked', async () => {
    const data = await loadMnistSample();
    const settings = { ...defaultState().digits, layers: [16], maxEpochs: 5 };
    const session = new DigitsSession(data, settings, 2);
    let batches = 0;
    const end = await session.train(settings, 2, {
      batch: () => {
        batches++;
        if (batches === 3) session.stop();
      },
      epoch: () => {},
    });
    expect(end.aborted).toBe(true);
    expect(batches).toBeLessThan(10);
  }, 120_000);
});
