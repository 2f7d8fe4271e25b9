// An abort that arrives in the epoch where early stopping asked to stop: the stop is not yet
// honoured when the run ends aborted, so the checkpoint must carry it, and the resumed run must
// stop there as the uninterrupted one did (it trained on to the last epoch before the fix).
import { DataLoader, moons } from '@nabla/datasets';
import { mlp } from '@nabla/nn';
import { Adam } from '@nabla/optim';
import { describe, expect, test } from 'vitest';
import {
  decodeCheckpoint,
  EarlyStopping,
  encodeCheckpoint,
  fit,
  type TrainingCheckpoint,
} from '../src/index.js';
import { classLoss, weightBytes, withoutTimes } from './helpers.js';

function setup(seed: number) {
  const model = mlp([2, 16, 16, 2], { activation: 'tanh', dropout: 0.2, seed });
  const early = new EarlyStopping({ patience: 1 });
  const options = {
    loss: classLoss,
    optimizer: new Adam(model.parameters(), { lr: 0.03 }),
    train: new DataLoader(moons({ n: 120, noise: 0.25, seed: 1 }), {
      batchSize: 40,
      shuffle: true,
      seed: 2,
    }),
    val: new DataLoader(moons({ n: 60, noise: 0.25, seed: 3 }), { batchSize: 32 }),
    epochs: 8,
  };
  return { model, early, options };
}

describe('a stop requested in the epoch an abort arrives', () => {
  test('is kept in the checkpoint, and the resumed run stops where the uninterrupted one did', async () => {
    const reference = setup(1);
    const full = await fit(reference.model, { ...reference.options, callbacks: [reference.early] });
    expect(full.stop.reason).toBe('stopped');
    const stoppedAfter = full.epochs.length;
    expect(stoppedAfter).toBeLessThan(8);

    const first = setup(1);
    const controller = new AbortController();
    let checkpoint: TrainingCheckpoint | null = null;
    const interrupted = await fit(first.model, {
      ...first.options,
      signal: controller.signal,
      callbacks: [
        first.early,
        {
          onEpochEnd: (ctx) => {
            if (ctx.completedEpochs === stoppedAfter) controller.abort();
          },
          onTrainEnd: (ctx) => {
            checkpoint = ctx.checkpoint();
          },
        },
      ],
    });
    expect(interrupted.stop.reason).toBe('aborted');
    expect(checkpoint!.stopRequest?.by).toBe('EarlyStopping');

    const second = setup(2);
    const resumed = await fit(second.model, {
      ...second.options,
      callbacks: [second.early],
      resume: decodeCheckpoint(encodeCheckpoint(checkpoint!)),
    });
    expect(resumed.stop).toEqual(full.stop);
    expect(withoutTimes(resumed)).toEqual(withoutTimes(full));
    expect(weightBytes(second.model)).toEqual(weightBytes(reference.model));
    expect(second.early.restoredEpoch).toBe(reference.early.restoredEpoch);
  });

  test('a malformed stopRequest is refused before anything changes', async () => {
    const { model, early, options } = setup(1);
    let checkpoint: TrainingCheckpoint | null = null;
    await fit(model, {
      ...options,
      epochs: 1,
      callbacks: [
        early,
        {
          onTrainEnd: (ctx) => {
            checkpoint = ctx.checkpoint();
          },
        },
      ],
    });
    const fresh = setup(2);
    const before = weightBytes(fresh.model);
    const bad = { ...checkpoint!, stopRequest: { by: 3 } } as unknown as TrainingCheckpoint;
    await expect(
      fit(fresh.model, { ...fresh.options, callbacks: [fresh.early], resume: bad }),
    ).rejects.toThrow(/stopRequest must be null or \{ by, message \}/);
    expect(weightBytes(fresh.model)).toEqual(before);
  });
});
