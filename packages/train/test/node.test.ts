// @nabla/train/node: ModelCheckpoint and checkpoint files, on a real temporary directory.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { circles, DataLoader } from '@nabla/datasets';
import { mlp } from '@nabla/nn';
import { loadModel } from '@nabla/nn/node';
import { Adam } from '@nabla/optim';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type Callback,
  EarlyStopping,
  type FitOptions,
  fit,
  type TrainContext,
} from '../src/index.js';
import { loadCheckpoint, ModelCheckpoint, saveCheckpoint } from '../src/node.js';
import { binaryLoss, weightBytes, withoutTimes } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nabla-train-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function setup(seed = 1) {
  const model = mlp([2, 8, 1], { seed, activation: 'tanh' });
  const options: FitOptions = {
    loss: binaryLoss,
    optimizer: new Adam(model.parameters(), { lr: 0.05 }),
    train: new DataLoader(circles({ n: 120, noise: 0.2, seed: 1 }), {
      batchSize: 32,
      shuffle: true,
      seed: 2,
    }),
    val: new DataLoader(circles({ n: 100, noise: 0.2, seed: 2 }), { batchSize: 100 }),
    epochs: 6,
  };
  return { model, options };
}

describe('ModelCheckpoint', () => {
  test("save: 'last' writes after every epoch, {epoch} in the path", async () => {
    const again = setup();
    const flat = new ModelCheckpoint({ path: join(dir, 'last', 'model-{epoch}.safetensors') });
    await fit(again.model, { ...again.options, callbacks: [flat] });
    const files = (await readdir(join(dir, 'last'))).sort();
    expect(files).toEqual([1, 2, 3, 4, 5, 6].map((e) => `model-${e}.safetensors`));
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
    const loaded = mlp([2, 8, 1], { seed: 99, activation: 'tanh' });
    const { metadata } = await loadModel(join(dir, 'last', 'model-6.safetensors'), loaded);
    expect(metadata).toEqual({ epoch: '6' });
    expect(weightBytes(loaded)).toEqual(weightBytes(again.model));
    expect(flat.lastEpoch).toBe(6);
  });

  test("save: 'best' writes only improvements of the monitored value", async () => {
    const { model, options } = setup();
    const path = join(dir, 'best.safetensors');
    const mc = new ModelCheckpoint({ path, save: 'best', monitor: 'valLoss' });
    const snapshots = new Map<number, string>();
    const keep: Callback = {
      onEpochEnd: (ctx: TrainContext, log) =>
        void snapshots.set(log.epoch, JSON.stringify(weightBytes(ctx.model))),
    };
    const history = await fit(model, { ...options, callbacks: [keep, mc] });
    const losses = history.epochs.map((e) => e.valLoss!);
    const best = losses.indexOf(Math.min(...losses)) + 1;
    expect(mc.bestEpoch).toBe(best);
    expect(mc.best).toBe(losses[best - 1]);
    const loaded = mlp([2, 8, 1], { seed: 99, activation: 'tanh' });
    const { metadata } = await loadModel(path, loaded);
    expect(metadata).toEqual({ epoch: String(best), valLoss: String(losses[best - 1]) });
    expect(JSON.stringify(weightBytes(loaded))).toBe(snapshots.get(best));
  });

  test("contents: 'training' writes checkpoints that resume bit for bit", async () => {
    const reference = setup();
    const early = new EarlyStopping({ patience: 50, smoothing: 0.5 });
    const full = await fit(reference.model, { ...reference.options, callbacks: [early] });

    // Train 3 of 6 epochs, saving a full checkpoint after each; then resume from the file.
    const first = setup();
    const path = join(dir, 'run.ckpt');
    const firstEarly = new EarlyStopping({ patience: 50, smoothing: 0.5 });
    const mc = new ModelCheckpoint({ path, contents: 'training' });
    await fit(first.model, { ...first.options, epochs: 3, callbacks: [firstEarly, mc] });
    const checkpoint = await loadCheckpoint(path);
    expect(checkpoint.epoch).toBe(3);
    expect(checkpoint.callbacks).toHaveProperty(['EarlyStopping#0']);
    expect(checkpoint.callbacks).toHaveProperty(['ModelCheckpoint#0']);

    const second = setup(5);
    const secondEarly = new EarlyStopping({ patience: 50, smoothing: 0.5 });
    const resumed = await fit(second.model, {
      ...second.options,
      callbacks: [secondEarly, new ModelCheckpoint({ path, contents: 'training' })],
      resume: checkpoint,
    });
    expect(withoutTimes(resumed)).toEqual(withoutTimes(full));
    expect(weightBytes(second.model)).toEqual(weightBytes(reference.model));
    expect(secondEarly.trace).toEqual(early.trace);
  });

  test('options are checked', () => {
    expect(() => new ModelCheckpoint({ path: '' })).toThrow(/needs \{ path \}/);
    expect(() => new ModelCheckpoint({ path: 'x', save: 'all' as 'best' })).toThrow(/save must be/);
  });
});

test('saveCheckpoint is atomic and creates directories; loadCheckpoint reads it back', async () => {
  const { model, options } = setup();
  const path = join(dir, 'nested', 'deeper', 'ckpt.safetensors');
  await fit(model, {
    ...options,
    epochs: 1,
    // onTrainEnd may return the promise: fit awaits it.
    callbacks: [{ onTrainEnd: (ctx) => saveCheckpoint(path, ctx.checkpoint()) }],
  });
  expect(await readdir(join(dir, 'nested', 'deeper'))).toEqual(['ckpt.safetensors']);
  const c = await loadCheckpoint(path);
  expect(c.epoch).toBe(1);
  expect(Object.keys(c.model)).toEqual(Object.keys(model.stateDict()));
  await expect(loadCheckpoint(join(dir, 'last', 'model-1.safetensors'))).rejects.toThrow(
    /not a training checkpoint/,
  );
});
