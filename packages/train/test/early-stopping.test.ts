// Results that must hold: early stopping smooths the monitored value with an exponential moving
// average before the patience check (arithmetic checked exactly), stops `patience` epochs after
// the smoothed minimum, and restores the best weights.
import { circles, DataLoader } from '@nabla/datasets';
import { mlp } from '@nabla/nn';
import { Adam } from '@nabla/optim';
import type { Tensor } from '@nabla/tensor';
import { describe, expect, test } from 'vitest';
import {
  type Callback,
  EarlyStopping,
  type EpochLog,
  evaluate,
  fit,
  type TrainContext,
} from '../src/index.js';
import { binaryLoss, weightBytes, weightBytesOf } from './helpers.js';

/** The documented moving average, written out: s_1 = v_1, s_t = α·s_{t−1} + (1 − α)·v_t. */
function ema(values: readonly number[], a: number): number[] {
  const out: number[] = [];
  let s = values[0]!;
  for (let t = 0; t < values.length; t++) {
    if (t > 0) s = a * s + (1 - a) * values[t]!;
    out.push(s);
  }
  return out;
}

/** Feeds values to `observe` one epoch after another; returns the epoch it stopped at. */
function drive(es: EarlyStopping, values: number[]): number | null {
  for (let i = 0; i < values.length; i++) if (es.observe(i + 1, values[i]!)) return i + 1;
  return null;
}

describe('EarlyStopping arithmetic (scripted values, exact)', () => {
  test('s_1 = v_1, s_t = α·s_{t−1} + (1 − α)·v_t, and patience counts smoothed non-improvements', () => {
    const es = new EarlyStopping({ smoothing: 0.5, patience: 3 });
    const stopped = drive(es, [1, 0.5, 0.25, 0.5, 0.75, 1, 1]);
    // 1; ½·1 + ½·½ = ¾; ½·¾ + ½·¼ = ½; ½·½ + ½·½ = ½ (not below ½); ⅝; 13/16.
    expect(es.trace.map((t) => t.smoothed)).toEqual([1, 0.75, 0.5, 0.5, 0.625, 0.8125]);
    expect(es.trace.map((t) => t.improved)).toEqual([true, true, true, false, false, false]);
    expect(stopped).toBe(6);
    expect(es.stoppedEpoch).toBe(6);
    expect(es.bestEpoch).toBe(3);
    expect(es.best).toBe(0.5);
    expect(es.stoppedEpoch! - es.bestEpoch!).toBe(es.patience);
    expect(es.reason).toBe(
      'valLoss (EMA, α = 0.5) did not improve by more than 0 for 3 epochs: stopped after epoch 6 (best 0.5 at epoch 3)',
    );
  });

  test('smoothing rides through a spike that stops the unsmoothed rule', () => {
    const values = [1, 0.5, 0.625, 0.25];
    const raw = new EarlyStopping({ patience: 1 });
    expect(drive(raw, values)).toBe(3);
    const smooth = new EarlyStopping({ patience: 1, smoothing: 0.5 });
    expect(drive(smooth, values)).toBeNull();
    // 1; ¾; ½·¾ + ½·⅝ = 11/16; ½·11/16 + ½·¼ = 15/32.
    expect(smooth.trace.map((t) => t.smoothed)).toEqual([1, 0.75, 0.6875, 0.46875]);
    expect(smooth.bestEpoch).toBe(4);
  });

  test('α = 0.75 over four epochs, in quarters', () => {
    const es = new EarlyStopping({ smoothing: 0.75, patience: 10 });
    drive(es, [2, 1, 3, 0]);
    // 2; ¾·2 + ¼·1 = 1.75; ¾·1.75 + ¼·3 = 2.0625; ¾·2.0625 + ¼·0 = 1.546875.
    expect(es.trace.map((t) => t.smoothed)).toEqual([2, 1.75, 2.0625, 1.546875]);
    expect(es.smoothed).toBe(1.546875);
  });

  test('any α: the same expression in float64, bit for bit', () => {
    const a = 0.9;
    const values = [0.7, 0.61, 0.55, 0.52, 0.515, 0.52, 0.53, 0.56];
    const es = new EarlyStopping({ smoothing: a, patience: 100 });
    drive(es, values);
    expect(es.trace.map((t) => t.smoothed)).toEqual(ema(values, a));
  });

  test('minDelta: an improvement must beat the best by more than it', () => {
    const es = new EarlyStopping({ minDelta: 0.125, patience: 5 });
    drive(es, [1, 0.9375, 0.875, 0.75]);
    // 0.9375 and 0.875 are not below 1 − 0.125 = 0.875; 0.75 is.
    expect(es.trace.map((t) => t.improved)).toEqual([true, false, false, true]);
    expect(es.bestEpoch).toBe(4);
  });

  test('startEpoch: earlier epochs are neither smoothed nor counted', () => {
    const es = new EarlyStopping({ startEpoch: 3, smoothing: 0.5, patience: 5 });
    drive(es, [0.1, 0.1, 1, 0.5]);
    expect(es.trace.map((t) => [t.epoch, t.smoothed])).toEqual([
      [3, 1],
      [4, 0.75],
    ]);
    expect(es.bestEpoch).toBe(4);
  });

  test('baseline: epochs that do not beat it count against patience', () => {
    const es = new EarlyStopping({ baseline: 0.5, patience: 2 });
    expect(drive(es, [0.625, 0.75])).toBe(2);
    expect(es.bestEpoch).toBeNull();
    expect(es.reason).toContain('nothing beat the baseline 0.5');
  });

  test('the reason shows 4 significant digits; best and trace keep full precision', () => {
    const es = new EarlyStopping({ patience: 2, smoothing: 1 / 3, minDelta: 1e-7 / 3 });
    drive(es, [0.123456789012, 0.5, 0.5]);
    const best = 0.123456789012;
    expect(es.best).toBe(best);
    expect(es.trace[0]!.value).toBe(best);
    expect(es.reason).toBe(
      'valLoss (EMA, α = 0.3333) did not improve by more than 3.333e-8 for 2 epochs: stopped after epoch 3 (best 0.1235 at epoch 1)',
    );
    const baseline = new EarlyStopping({ baseline: 2 / 3, patience: 1 });
    drive(baseline, [1]);
    expect(baseline.reason).toContain('nothing beat the baseline 0.6667');
  });

  test("mode 'auto' maximises accuracies; monitor names a validation metric", () => {
    const es = new EarlyStopping({ monitor: 'valAccuracy', patience: 1 });
    expect(es.mode).toBe('max');
    const stops: string[] = [];
    const ctx = { stop: (by: string, message: string) => stops.push(`${by}: ${message}`) };
    const log = (epoch: number, acc: number): EpochLog =>
      ({
        epoch,
        loss: 1,
        metrics: {},
        valLoss: 1,
        valMetrics: { accuracy: acc },
      }) as unknown as EpochLog;
    const noWeights = new EarlyStopping({
      monitor: 'valAccuracy',
      patience: 1,
      restoreBestWeights: false,
    });
    for (const [epoch, acc] of [
      [1, 0.5],
      [2, 0.75],
      [3, 0.625],
    ] as const) {
      noWeights.onEpochEnd(ctx as unknown as TrainContext, log(epoch, acc));
    }
    expect(noWeights.bestEpoch).toBe(2);
    expect(stops).toEqual([
      'EarlyStopping: valAccuracy did not improve by more than 0 for 1 epoch: stopped after epoch 3 (best 0.75 at epoch 2)',
    ]);
  });

  test('a monitor missing from the log is an error that lists what is logged', () => {
    const es = new EarlyStopping();
    const log = { epoch: 1, loss: 1, metrics: { accuracy: 0.5 } } as unknown as EpochLog;
    expect(() => es.onEpochEnd({} as TrainContext, log)).toThrow(
      /monitor 'valLoss' is not in the epoch log \(fit has no validation data.*logged: loss, accuracy/,
    );
  });

  test('options are checked', () => {
    expect(() => new EarlyStopping({ smoothing: 1 })).toThrow(/smoothing.*\[0, 1\)/);
    expect(() => new EarlyStopping({ patience: -1 })).toThrow(/patience/);
    expect(() => new EarlyStopping({ startEpoch: 0 })).toThrow(/startEpoch/);
    expect(() => new EarlyStopping({ mode: 'up' as 'min' })).toThrow(/mode/);
  });
});

/** Keeps every epoch's weights, to check which ones were restored. */
class Snapshots implements Callback {
  readonly byEpoch = new Map<number, Record<string, Tensor>>();
  onEpochEnd(ctx: TrainContext, log: EpochLog): void {
    this.byEpoch.set(log.epoch, ctx.model.stateDict());
  }
}

/**
 * A run built to overfit: 60 noisy circle points (noise 0.3) for a 2-64-64-1 ReLU network, so
 * the validation loss (400 fresh points) bottoms out around epoch 12 and then climbs.
 */
async function overfit(es: EarlyStopping, epochs: number) {
  const train = circles({ n: 60, noise: 0.3, seed: 1 });
  const val = circles({ n: 400, noise: 0.3, seed: 2 });
  const model = mlp([2, 64, 64, 1], { seed: 3 });
  const snapshots = new Snapshots();
  const valLoader = new DataLoader(val, { batchSize: 400 });
  const history = await fit(model, {
    loss: binaryLoss,
    optimizer: new Adam(model.parameters(), { lr: 0.002 }),
    train: new DataLoader(train, { batchSize: 8, shuffle: true, seed: 4 }),
    val: valLoader,
    epochs,
    callbacks: [snapshots, es],
  });
  return { model, history, snapshots, valLoader };
}

describe('EarlyStopping in fit, on a run built to overfit', () => {
  test('stops patience epochs after the smoothed minimum and restores its weights', async () => {
    const es = new EarlyStopping({ patience: 5, smoothing: 0.6 });
    const { model, history, snapshots, valLoader } = await overfit(es, 150);

    expect(history.stop.reason).toBe('stopped');
    expect(history.stop.by).toBe('EarlyStopping');
    expect(history.stop.message).toBe(`EarlyStopping: ${es.reason}`);
    const stopped = es.stoppedEpoch!;
    expect(stopped).toBeLessThan(150);
    expect(history.epochs).toHaveLength(stopped);

    // The moving average, recomputed from the logged validation losses, exactly.
    const raw = history.epochs.map((e) => e.valLoss!);
    const smoothed = ema(raw, 0.6);
    expect(es.trace.map((t) => t.smoothed)).toEqual(smoothed);

    // The best epoch is the smoothed minimum, and training stopped `patience` epochs later.
    const minimum = Math.min(...smoothed);
    expect(es.bestEpoch).toBe(smoothed.indexOf(minimum) + 1);
    expect(es.best).toBe(minimum);
    expect(stopped - es.bestEpoch!).toBe(5);
    // It overfits: the validation loss at the end is well above its minimum.
    expect(raw[stopped - 1]!).toBeGreaterThan(Math.min(...raw));

    // The model holds the best epoch's weights again, bit for bit.
    expect(es.restoredEpoch).toBe(es.bestEpoch);
    const best = snapshots.byEpoch.get(es.bestEpoch!)!;
    expect(weightBytes(model)).toEqual(weightBytesOf(best));
    const { loss } = evaluate(model, valLoader, { loss: binaryLoss });
    expect(loss).toBe(raw[es.bestEpoch! - 1]);
  });

  test('restores the best weights also when all epochs run without stopping', async () => {
    const es = new EarlyStopping({ patience: 1000, smoothing: 0.6 });
    const { model, history, snapshots } = await overfit(es, 30);
    expect(history.stop.reason).toBe('completed');
    expect(es.stoppedEpoch).toBeNull();
    expect(es.bestEpoch).toBeLessThan(30);
    expect(es.restoredEpoch).toBe(es.bestEpoch);
    expect(weightBytes(model)).toEqual(weightBytesOf(snapshots.byEpoch.get(es.bestEpoch!)!));
  });

  test('restoreBestWeights: false keeps the last weights', async () => {
    const es = new EarlyStopping({ patience: 5, smoothing: 0.6, restoreBestWeights: false });
    const { model, snapshots } = await overfit(es, 150);
    expect(es.restoredEpoch).toBeNull();
    expect(weightBytes(model)).toEqual(weightBytesOf(snapshots.byEpoch.get(es.stoppedEpoch!)!));
  });
});
