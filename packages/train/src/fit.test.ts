import { reshape, type Variable } from '@nabla/autograd';
import { circles, DataLoader, plane } from '@nabla/datasets';
import { binaryCrossEntropyWithLogits, mseLoss } from '@nabla/losses';
import { Dropout, Linear, mlp, ReLU, Sequential } from '@nabla/nn';
import { Adam, SGD, StepLR } from '@nabla/optim';
import { ShapeError, type Tensor } from '@nabla/tensor';
import { describe, expect, test } from 'vitest';
import type { Callback, TrainContext } from './callbacks/callback.js';
import { EarlyStopping } from './callbacks/early-stopping.js';
import type { ProgressEvent } from './callbacks/progress.js';
import { NonFiniteLossError } from './errors.js';
import { evaluate } from './evaluate.js';
import { fit } from './fit.js';
import type { FitOptions, SchedulerLike } from './fit-options.js';
import { globalGradNorm } from './grad-norm.js';
import { accuracy } from './metrics/accuracy.js';

const binaryLoss = (out: Variable, y: Tensor) =>
  binaryCrossEntropyWithLogits(reshape(out, [-1]), y);
const data = circles({ n: 100, noise: 0.1, seed: 1 });

function setup(overrides: Partial<FitOptions> = {}) {
  const model = mlp([2, 8, 1], { seed: 1, activation: 'tanh' });
  const optimizer = new Adam(model.parameters(), { lr: 0.01 });
  const options: FitOptions = {
    loss: binaryLoss,
    optimizer,
    train: new DataLoader(data, { batchSize: 40, shuffle: true, seed: 2 }), // 40, 40, 20
    epochs: 3,
    ...overrides,
  };
  return { model, optimizer, options };
}

describe('fit', () => {
  test('logs loss, metrics, validation, learning rate, gradient norm, steps and samples', async () => {
    const { model, optimizer, options } = setup();
    const norms: number[] = [];
    const history = await fit(model, {
      ...options,
      val: new DataLoader(circles({ n: 50, seed: 3 }), { batchSize: 50 }),
      metrics: [accuracy()],
      scheduler: new StepLR(optimizer, { stepSize: 1, gamma: 0.5 }),
      callbacks: [{ onBatchEnd: (_ctx, b) => void norms.push(b.gradNorm) }],
    });
    expect(history.stop).toEqual({
      reason: 'completed',
      message: 'trained 3 epochs',
      epoch: 3,
      batch: 0,
    });
    expect(history.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(history.epochs.map((e) => e.lr)).toEqual([0.01, 0.005, 0.0025]);
    expect(history.epochs.map((e) => [e.steps, e.samples])).toEqual([
      [3, 100],
      [3, 100],
      [3, 100],
    ]);
    const e = history.epochs[0]!;
    expect(e.gradNorm).toBe((norms[0]! + norms[1]! + norms[2]!) / 3);
    expect(Object.keys(e.metrics)).toEqual(['accuracy']);
    expect(e.valLoss).toBeGreaterThan(0);
    expect(e.valMetrics?.accuracy).toBeGreaterThan(0);
    expect(e.time).toBeGreaterThan(0);
    expect(e.samplesPerSecond).toBeGreaterThan(0);
    expect(history.epochs[2]!.loss).toBeLessThan(history.epochs[0]!.loss);
  });

  test('the epoch loss is the mean over samples: batches weighed by their size', async () => {
    const { model, options } = setup({ epochs: 1 });
    const batches: [number, number][] = [];
    const history = await fit(model, {
      ...options,
      callbacks: [{ onBatchEnd: (_ctx, b) => void batches.push([b.loss, b.size]) }],
    });
    expect(batches.map(([, n]) => n)).toEqual([40, 40, 20]);
    const sum = batches.reduce((s, [loss, n]) => s + loss * n, 0);
    expect(history.epochs[0]!.loss).toBe(sum / 100);
  });

  test('a NaN loss stops training with an error naming the epoch and step, weights intact', async () => {
    const set = plane({ n: 64, seed: 1 });
    const model = new Linear(2, 1, { seed: 1 });
    let lastGood: string | null = null;
    const error = await fit(model, {
      loss: (out, y) => mseLoss(reshape(out, [-1]), y),
      optimizer: new SGD(model.parameters(), { lr: 10 }),
      train: new DataLoader(set, { batchSize: 16 }),
      epochs: 20,
      callbacks: [
        {
          onBatchEnd: (ctx) => {
            lastGood = JSON.stringify(ctx.model.stateDict());
          },
        },
      ],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonFiniteLossError);
    const e = error as NonFiniteLossError;
    expect(e.message).toMatch(
      /^fit: the training loss is (NaN|Infinity) at epoch \d+, step \d+; .*try a lower learning rate/,
    );
    expect(e.epoch).toBeGreaterThanOrEqual(1);
    expect(e.step).toBeGreaterThanOrEqual(1);
    // Thrown before the backward pass: the model holds the weights of the last good step.
    expect(JSON.stringify(model.stateDict())).toBe(lastGood);
  });

  test('terminateOnNaN: false trains through non-finite losses', async () => {
    const model = new Linear(2, 1, { seed: 1 });
    const history = await fit(model, {
      loss: (out, y) => mseLoss(reshape(out, [-1]), y),
      optimizer: new SGD(model.parameters(), { lr: 10 }),
      train: new DataLoader(plane({ n: 64, seed: 1 }), { batchSize: 16 }),
      epochs: 20,
      terminateOnNaN: false,
    });
    expect(history.epochs).toHaveLength(20);
    expect(Number.isFinite(history.epochs[19]!.loss)).toBe(false);
  });

  test('progress events: begin, each epoch and batch, end', async () => {
    const { model, options } = setup({ epochs: 2 });
    const events: ProgressEvent[] = [];
    await fit(model, { ...options, onProgress: (e) => events.push(e) });
    expect(events.map((e) => (e.type === 'batch' ? `b${e.batch}` : e.type))).toEqual([
      'trainBegin',
      'epochBegin',
      'b1',
      'b2',
      'b3',
      'epochEnd',
      'epochBegin',
      'b1',
      'b2',
      'b3',
      'epochEnd',
      'trainEnd',
    ]);
    expect(events[0]).toEqual({
      type: 'trainBegin',
      epochs: 2,
      completedEpochs: 0,
      batchesPerEpoch: 3,
    });
    const last = events[4] as Extract<ProgressEvent, { type: 'batch' }>;
    const epochEnd = events[5] as Extract<ProgressEvent, { type: 'epochEnd' }>;
    expect(last.meanLoss).toBeCloseTo(epochEnd.log.loss, 12);
  });

  test('hooks run in order and promises are awaited', async () => {
    const { model, options } = setup({ epochs: 1 });
    const calls: string[] = [];
    const slow: Callback = {
      onTrainBegin: async () => {
        await new Promise((r) => setTimeout(r, 5));
        calls.push('trainBegin');
      },
      onEpochBegin: (_ctx, epoch) => void calls.push(`epochBegin ${epoch}`),
      onBatchLoss: (_ctx, b) => void calls.push(`loss ${b.batch} step ${b.step}`),
      onBatchEnd: (_ctx, b) => void calls.push(`end ${b.batch} step ${b.step}`),
      onEpochEnd: async (_ctx, log) => {
        await new Promise((r) => setTimeout(r, 5));
        calls.push(`epochEnd ${log.epoch}`);
      },
      onTrainEnd: (_ctx, h) => void calls.push(`trainEnd ${h.stop.reason}`),
    };
    await fit(model, { ...options, callbacks: [slow] });
    expect(calls).toEqual([
      'trainBegin',
      'epochBegin 1',
      'loss 1 step 0',
      'end 1 step 1',
      'loss 2 step 1',
      'end 2 step 2',
      'loss 3 step 2',
      'end 3 step 3',
      'epochEnd 1',
      'trainEnd completed',
    ]);
  });

  test('a callback may stop training after the epoch', async () => {
    const { model, options } = setup({ epochs: 10 });
    const history = await fit(model, {
      ...options,
      callbacks: [
        {
          name: 'Enough',
          onEpochEnd: (ctx: TrainContext) => {
            if (ctx.completedEpochs === 2) ctx.stop('Enough', 'two epochs will do');
          },
        },
      ],
    });
    expect(history.epochs).toHaveLength(2);
    expect(history.stop).toMatchObject({
      reason: 'stopped',
      by: 'Enough',
      message: 'Enough: two epochs will do',
    });
  });

  test('the scheduler gets the monitored value after each epoch, or steps per batch', async () => {
    const seen: (number | undefined)[] = [];
    const fake: SchedulerLike = {
      step: (v?: number) => void seen.push(v),
      stateDict: () => ({}),
      loadStateDict: () => undefined,
    };
    const { model, options } = setup({ epochs: 2 });
    const history = await fit(model, {
      ...options,
      val: new DataLoader(circles({ n: 30, seed: 3 }), { batchSize: 30 }),
      scheduler: fake,
    });
    expect(seen).toEqual(history.epochs.map((e) => e.valLoss));
    seen.length = 0;
    const again = setup({ epochs: 2 });
    await fit(again.model, { ...again.options, scheduler: fake, schedulerInterval: 'batch' });
    expect(seen).toHaveLength(6);
  });

  test('clipGradNorm limits the global gradient norm; the log keeps the norm before clipping', async () => {
    const { model, options } = setup({ epochs: 1 });
    const after: number[] = [];
    const before: number[] = [];
    await fit(model, {
      ...options,
      clipGradNorm: 1e-3,
      callbacks: [
        {
          onBatchEnd: (ctx, b) => {
            before.push(b.gradNorm);
            after.push(globalGradNorm(ctx.model.parameters()));
          },
        },
      ],
    });
    for (const n of after) expect(n).toBeLessThanOrEqual(1e-3 * (1 + 1e-6));
    for (const n of before) expect(n).toBeGreaterThan(1e-3);
  });

  test('a loss that is not one number per batch is refused', async () => {
    const { model, options } = setup();
    const perSample = (out: Variable, y: Tensor) =>
      binaryCrossEntropyWithLogits(reshape(out, [-1]), y, { reduction: 'none' });
    await expect(fit(model, { ...options, loss: perSample })).rejects.toThrow(ShapeError);
    await expect(fit(model, { ...options, loss: perSample })).rejects.toThrow(
      /the loss must be one number per batch \(reduction 'mean'\), got shape \[40\]/,
    );
  });

  test('options are checked before training, naming the fix', async () => {
    const { model, options } = setup();
    const bad = (o: unknown) => fit(model, o as FitOptions);
    await expect(bad({ ...options, epoch: 3 })).rejects.toThrow(/unknown option epoch/);
    await expect(bad({ ...options, loss: undefined })).rejects.toThrow(/loss must be a function/);
    await expect(bad({ ...options, train: data })).rejects.toThrow(/train must be a DataLoader/);
    await expect(bad({ ...options, epochs: 1.5 })).rejects.toThrow(/epochs must be/);
    await expect(bad({ ...options, metrics: [accuracy(), accuracy()] })).rejects.toThrow(
      /metric name 'accuracy' is used twice/,
    );
    await expect(fit({} as never, options)).rejects.toThrow(/must be a Module/);
  });

  test('monitoring a validation value without validation data fails before training', async () => {
    const { model, options } = setup();
    const before = JSON.stringify(model.stateDict());
    await expect(fit(model, { ...options, callbacks: [new EarlyStopping()] })).rejects.toThrow(
      /EarlyStopping: monitor 'valLoss' is a validation value, but fit has no validation data/,
    );
    expect(JSON.stringify(model.stateDict())).toBe(before);
    const onLoss = await fit(model, {
      ...options,
      callbacks: [new EarlyStopping({ monitor: 'loss', patience: 1 })],
    });
    expect(onLoss.epochs.length).toBeGreaterThan(0);
  });

  test('a loader left in the middle of an epoch starts at the next one', async () => {
    const { model, options } = setup({ epochs: 1 });
    const loader = options.train as DataLoader;
    for (const _ of loader) break;
    expect(loader.getState()).toEqual({ epoch: 0, batch: 1 });
    const history = await fit(model, options);
    expect(history.epochs[0]!.steps).toBe(3);
    expect(loader.getState()).toEqual({ epoch: 2, batch: 0 });
  });
});

describe('evaluate', () => {
  test('runs in eval mode without gradients and puts every training flag back', () => {
    const model = new Sequential(
      new Linear(2, 8, { seed: 1 }),
      new ReLU(),
      new Dropout(0.5, { seed: 2 }),
      new Linear(8, 1, { seed: 3 }),
    );
    model.train();
    model[1]!.training = false; // a mixed state, which model.train() would not restore
    let modeInForward: boolean[] = [];
    const spy = (out: Variable, y: Tensor) => {
      modeInForward = model.modules().map((m) => m.training);
      expect(out.requiresGrad).toBe(false);
      return binaryLoss(out, y);
    };
    const first = evaluate(model, data, { loss: spy, batchSize: 30, metrics: [accuracy()] });
    expect(modeInForward.every((m) => !m)).toBe(true);
    expect(model.modules().map((m) => m.training)).toEqual([true, true, false, true, true]);
    expect(model.parameters().every((p) => p.grad === null)).toBe(true);
    // Dropout is off, so evaluating again gives the same numbers.
    const second = evaluate(model, new DataLoader(data, { batchSize: 7 }), {
      loss: binaryLoss,
      metrics: [accuracy()],
    });
    expect(second.samples).toBe(100);
    expect(second.metrics.accuracy).toBe(first.metrics.accuracy);
    expect(second.loss).toBeCloseTo(first.loss, 6);
  });

  test('reads a DataLoader in a fixed order whatever its cursor', () => {
    const model = mlp([2, 4, 1], { seed: 1 });
    const loader = new DataLoader(data, { batchSize: 30, shuffle: true, seed: 9 });
    const a = evaluate(model, loader, { loss: binaryLoss });
    for (const _ of loader) break;
    const b = evaluate(model, loader, { loss: binaryLoss });
    expect(b).toEqual(a);
    expect(loader.getState()).toEqual({ epoch: 0, batch: 1 });
    expect(evaluate(model, loader).loss).toBeNaN();
  });
});
