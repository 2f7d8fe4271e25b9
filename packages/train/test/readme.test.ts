// The README's examples, run: what it shows must stay true.
import { circles, DataLoader, standardize, trainValSplit } from '@nabla/datasets';
import { crossEntropy } from '@nabla/losses';
import { mlp } from '@nabla/nn';
import { Adam } from '@nabla/optim';
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  type Callback,
  EarlyStopping,
  evaluate,
  fit,
  type TrainingCheckpoint,
} from '../src/index.js';

describe('README', () => {
  it('data → model → loss → optimizer → fit with early stopping', async () => {
    // 1. Data: 1,000 noisy points, 20% held out for validation, and a separate test set;
    //    inputs standardized with the training set's statistics.
    const data = circles({ n: 1000, noise: 0.25, seed: 1 });
    const { train, val } = trainValSplit(data, { valFraction: 0.2, seed: 2 });
    const testSet = circles({ n: 500, noise: 0.25, seed: 3 });
    const { x, stats } = standardize(train.x);
    const scaled = (d: typeof val) => ({ x: standardize(d.x, { stats }).x, y: d.y });

    // 2. Model: a multi-layer perceptron with two outputs (the logits of the two classes).
    const model = mlp([2, 32, 32, 2], { activation: 'tanh', seed: 4 });

    // 3. Loss: softmax cross-entropy on the logits.
    const loss = crossEntropy;

    // 4. Optimizer.
    const optimizer = new Adam(model.parameters(), { lr: 0.01 });

    // 5. Fit, with early stopping on the smoothed validation loss.
    const early = new EarlyStopping({ monitor: 'valLoss', patience: 10, smoothing: 0.8 });
    const history = await fit(model, {
      loss,
      optimizer,
      train: new DataLoader({ x, y: train.y }, { batchSize: 32, shuffle: true, seed: 5 }),
      val: new DataLoader(scaled(val), { batchSize: 200 }),
      epochs: 200,
      metrics: [accuracy()],
      callbacks: [early],
    });

    // 6. What happened, and how good the restored model is on data it never saw.
    expect(history.stop.reason).toBe('stopped');
    expect(history.stop.message).toMatch(
      /^EarlyStopping: valLoss \(EMA, α = 0\.8\) did not improve by more than 0 for 10 epochs: stopped after epoch \d+ \(best [\d.]+ at epoch \d+\)$/,
    );
    expect(early.stoppedEpoch! - early.bestEpoch!).toBe(10);
    expect(early.restoredEpoch).toBe(early.bestEpoch);
    expect(early.stoppedEpoch).toBeLessThan(200);
    const result = evaluate(model, scaled(testSet), { loss, metrics: [accuracy()] });
    expect(result.samples).toBe(500);
    expect(result.metrics.accuracy).toBeGreaterThan(0.9);
    const last = history.epochs.at(-1)!;
    expect(Object.keys(last)).toEqual([
      'epoch',
      'loss',
      'metrics',
      'valLoss',
      'valMetrics',
      'lr',
      'gradNorm',
      'steps',
      'samples',
      'time',
      'samplesPerSecond',
    ]);
  });

  it('abort, checkpoint, resume', async () => {
    const data = circles({ n: 200, noise: 0.1, seed: 1 });
    const setup = () => {
      const model = mlp([2, 16, 2], { seed: 4 });
      return {
        model,
        options: {
          loss: crossEntropy,
          optimizer: new Adam(model.parameters(), { lr: 0.01 }),
          train: new DataLoader(data, { batchSize: 32, shuffle: true, seed: 5 }),
          epochs: 10,
        },
      };
    };
    const controller = new AbortController();
    let checkpoint: TrainingCheckpoint | undefined;
    const keepCheckpoint: Callback = {
      onBatchEnd: (ctx) => {
        if (ctx.step === 30) controller.abort(); // say, Ctrl-C
      },
      onTrainEnd: (ctx) => {
        checkpoint = ctx.checkpoint();
      },
    };
    const a = setup();
    const stopped = await fit(a.model, {
      ...a.options,
      signal: controller.signal,
      callbacks: [keepCheckpoint],
    });
    expect(stopped.stop.message).toBe(
      'aborted after batch 2 of 7 in epoch 5; resume from ctx.checkpoint() to continue',
    );

    const b = setup(); // a new process would rebuild everything the same way
    const resumed = await fit(b.model, { ...b.options, resume: checkpoint });
    expect(resumed.stop.reason).toBe('completed');
    expect(resumed.epochs).toHaveLength(10);

    const c = setup();
    await fit(c.model, c.options); // never interrupted
    expect(b.model.stateDict()).toEqual(c.model.stateDict());
  });
});
