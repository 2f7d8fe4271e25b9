// A run stopped by an AbortSignal and resumed from its checkpoint ends with the same weights
// and the same History, bit for bit, as the run that was never interrupted; and the same seeds
// give the same History on every run.
import { circles, DataLoader } from '@nabla/datasets';
import { Dropout, Linear, ReLU, Sequential } from '@nabla/nn';
import { Adam, StepLR } from '@nabla/optim';
import { Generator } from '@nabla/tensor';
import { describe, expect, test } from 'vitest';
import {
  accuracy,
  type Callback,
  decodeCheckpoint,
  EarlyStopping,
  encodeCheckpoint,
  fit,
  type History,
  type TrainContext,
  type TrainingCheckpoint,
} from '../src/index.js';
import { binaryLoss, weightBytes, withoutTimes } from './helpers.js';

const EPOCHS = 8;
const TRAIN = circles({ n: 300, noise: 0.2, seed: 1 });
const VAL = circles({ n: 200, noise: 0.2, seed: 2 });
const BATCHES = Math.ceil(300 / 16); // 19, the last one of 12 samples

/**
 * Everything a run is made of, built fresh from seeds: a model with dropout (whose masks come
 * from a generator the checkpoint saves), Adam, a step schedule, a shuffled loader, a metric,
 * and early stopping (whose moving average and best weights the checkpoint saves).
 */
function setup(initSeed = 1) {
  const masks = new Generator(initSeed + 100);
  const init = new Generator(initSeed);
  const model = new Sequential(
    new Linear(2, 16, { generator: init }),
    new ReLU(),
    new Dropout(0.2, { generator: masks }),
    new Linear(16, 1, { generator: init }),
  );
  const optimizer = new Adam(model.parameters(), { lr: 0.01 });
  const early = new EarlyStopping({ patience: 100, smoothing: 0.5 });
  return {
    model,
    early,
    options: {
      loss: binaryLoss,
      optimizer,
      scheduler: new StepLR(optimizer, { stepSize: 3, gamma: 0.5 }),
      train: new DataLoader(TRAIN, { batchSize: 16, shuffle: true, seed: 5 }),
      val: new DataLoader(VAL, { batchSize: 64 }),
      epochs: EPOCHS,
      metrics: [accuracy()],
      generators: [masks],
    },
  };
}

/** Aborts the run when `when` says so, and keeps the checkpoint taken at the end. */
class AbortAt implements Callback {
  readonly controller = new AbortController();
  checkpoint: TrainingCheckpoint | null = null;
  constructor(readonly when: { step?: number; afterEpoch?: number }) {}
  onBatchEnd(ctx: TrainContext): void {
    if (ctx.step === this.when.step) this.controller.abort();
  }
  onEpochEnd(ctx: TrainContext): void {
    if (ctx.completedEpochs === this.when.afterEpoch) this.controller.abort();
  }
  onTrainEnd(ctx: TrainContext): void {
    this.checkpoint = ctx.checkpoint();
  }
}

async function uninterrupted(): Promise<{ history: History; weights: Record<string, string> }> {
  const { model, early, options } = setup();
  const history = await fit(model, { ...options, callbacks: [early] });
  return { history, weights: weightBytes(model) };
}

/** Runs until the abort, round-trips the checkpoint through bytes, resumes on fresh objects. */
async function interruptedAndResumed(when: { step?: number; afterEpoch?: number }) {
  const first = setup();
  const abort = new AbortAt(when);
  const stopped = await fit(first.model, {
    ...first.options,
    callbacks: [first.early, abort],
    signal: abort.controller.signal,
  });
  const bytes = encodeCheckpoint(abort.checkpoint!);
  const checkpoint = decodeCheckpoint(bytes);

  // A different initialisation and mask seed: everything must come from the checkpoint.
  const second = setup(42);
  const history = await fit(second.model, {
    ...second.options,
    callbacks: [second.early],
    resume: checkpoint,
  });
  return { stopped, history, weights: weightBytes(second.model), early: second.early };
}

describe('abort and resume', () => {
  test('the same seeds give the same History and weights on every run', async () => {
    const a = await uninterrupted();
    const b = await uninterrupted();
    expect(a.history.epochs).toHaveLength(EPOCHS);
    expect(withoutTimes(b.history)).toEqual(withoutTimes(a.history));
    expect(b.history.stop).toEqual(a.history.stop);
    expect(b.weights).toEqual(a.weights);
  });

  // Mid-epoch at a random step (seeded), right after an epoch's last batch (before its
  // validation), and at an epoch boundary (after the epoch's callbacks).
  const random = new Generator(2024);
  const cases: [string, { step?: number; afterEpoch?: number }][] = [
    ['mid-epoch at a random step', { step: 1 + random.nextBelow(EPOCHS * BATCHES - 1) }],
    ['mid-epoch at another random step', { step: 1 + random.nextBelow(EPOCHS * BATCHES - 1) }],
    ['after the last batch of epoch 3', { step: 3 * BATCHES }],
    ['at the boundary after epoch 5', { afterEpoch: 5 }],
  ];
  test.each(cases)('%s (%o): same weights and History, bit for bit', async (_, when) => {
    const reference = await uninterrupted();
    const { stopped, history, weights } = await interruptedAndResumed(when);
    expect(stopped.stop.reason).toBe('aborted');
    expect(stopped.epochs.length).toBeLessThan(EPOCHS);
    expect(history.stop).toEqual(reference.history.stop);
    expect(withoutTimes(history)).toEqual(withoutTimes(reference.history));
    expect(weights).toEqual(reference.weights);
  });

  test('the abort stops between two batches and says where', async () => {
    const { model, early, options } = setup();
    const abort = new AbortAt({ step: BATCHES + 7 });
    const history = await fit(model, {
      ...options,
      callbacks: [early, abort],
      signal: abort.controller.signal,
    });
    expect(history.stop).toEqual({
      reason: 'aborted',
      message: 'aborted after batch 7 of 19 in epoch 2; resume from ctx.checkpoint() to continue',
      epoch: 1,
      batch: 7,
    });
    const c = abort.checkpoint!;
    expect(c.epoch).toBe(1);
    expect(c.step).toBe(BATCHES + 7);
    expect(c.train).toEqual({ epoch: 1, batch: 7 });
    expect(c.progress?.batches).toBe(7);
    expect(c.progress?.samples).toBe(7 * 16);
    // The model is never left in eval mode, and the restored best weights are not applied.
    expect(model.training).toBe(true);
    expect(early.restoredEpoch).toBeNull();
  });

  test('an AbortSignal fired by a timer reaches the loop (it yields to the event loop)', async () => {
    const reference = await uninterrupted();
    const first = setup();
    const controller = new AbortController();
    let steps = 0;
    const counter: Callback = {
      onBatchEnd: () => {
        steps++;
        if (steps === 20) setTimeout(() => controller.abort(), 0);
      },
      onTrainEnd(ctx) {
        checkpoint = ctx.checkpoint();
      },
    };
    let checkpoint: TrainingCheckpoint | null = null;
    const stopped = await fit(first.model, {
      ...first.options,
      callbacks: [first.early, counter],
      signal: controller.signal,
      yieldEvery: 0,
    });
    expect(stopped.stop.reason).toBe('aborted');
    expect(steps).toBeGreaterThanOrEqual(20);
    expect(steps).toBeLessThan(EPOCHS * BATCHES);

    const second = setup(7);
    const history = await fit(second.model, {
      ...second.options,
      callbacks: [second.early],
      resume: checkpoint!,
    });
    expect(withoutTimes(history)).toEqual(withoutTimes(reference.history));
    expect(weightBytes(second.model)).toEqual(reference.weights);
  });

  test('an already aborted signal trains nothing', async () => {
    const { model, options } = setup();
    const before = weightBytes(model);
    const history = await fit(model, { ...options, signal: AbortSignal.abort() });
    expect(history.epochs).toEqual([]);
    expect(history.stop.reason).toBe('aborted');
    expect(weightBytes(model)).toEqual(before);
  });

  test('a checkpoint that does not fit the run is refused', async () => {
    const { model, early, options } = setup();
    const abort = new AbortAt({ step: 5 });
    await fit(model, { ...options, callbacks: [early, abort], signal: abort.controller.signal });
    const c = abort.checkpoint!;
    const fresh = setup();
    const before = weightBytes(fresh.model);
    await expect(fit(fresh.model, { ...fresh.options, resume: c })).rejects.toThrow(
      /the checkpoint has the state of EarlyStopping#0, but no such callback/,
    );
    // Checked before anything was restored: the model is untouched.
    expect(weightBytes(fresh.model)).toEqual(before);
    const noScheduler = setup();
    const { scheduler: _, ...rest } = noScheduler.options;
    await expect(
      fit(noScheduler.model, { ...rest, callbacks: [noScheduler.early], resume: c }),
    ).rejects.toThrow(/scheduler state but no scheduler/);
    await expect(
      fit(fresh.model, { ...fresh.options, resume: {} as TrainingCheckpoint }),
    ).rejects.toThrow(/expects a training checkpoint/);
  });
});
