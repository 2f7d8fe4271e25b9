// A checkpoint's stored run configuration is held to the weights the file carries before the
// run's model is built from it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataLoader, xor } from '@nabla/datasets';
import { crossEntropy } from '@nabla/losses';
import { mlp } from '@nabla/nn';
import { SGD } from '@nabla/optim';
import { fit } from '@nabla/train';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { loadRunCheckpoint, saveRunCheckpoint } from '../../src/train/checkpoint-file.js';
import type { RunConfig } from '../../src/train/config.js';
import { CheckpointOnAbort } from '../../src/train/interrupt.js';

const dir = mkdtempSync(join(tmpdir(), 'nabla-checkpoint-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config: RunConfig = {
  data: 'xor',
  noise: 0,
  labelColumn: null,
  layers: [4],
  activation: 'relu',
  dropout: 0,
  optimizer: 'sgd',
  lr: 0.1,
  momentum: null,
  weightDecay: null,
  batchSize: 8,
  epochs: 2,
  patience: 0,
  smoothing: 0,
  minDelta: 0,
  valSplit: 0.1,
  seed: 0,
};

/** A real checkpoint of a 2 → 4 → 2 model, taken by aborting fit after its first batch. */
async function checkpointOfAbortedRun() {
  const model = mlp([2, 4, 2], { seed: 0 });
  const controller = new AbortController();
  const capture = new CheckpointOnAbort();
  await fit(model, {
    loss: crossEntropy,
    optimizer: new SGD(model.parameters(), { lr: 0.1 }),
    train: new DataLoader(xor({ n: 32, seed: 0 }), { batchSize: 8 }),
    epochs: 2,
    signal: controller.signal,
    callbacks: [{ name: 'abort', onBatchEnd: () => controller.abort() }, capture],
  });
  expect(capture.checkpoint).not.toBeNull();
  return capture.checkpoint!;
}

describe('loadRunCheckpoint', () => {
  const outputs = { out: join(dir, 'model.safetensors'), report: null, dataDir: null };

  it('reads back the run it saved', async () => {
    const path = join(dir, 'ok.checkpoint.safetensors');
    await saveRunCheckpoint(path, await checkpointOfAbortedRun(), { config, outputs });
    const { run } = await loadRunCheckpoint(path);
    expect(run.config.layers).toEqual([4]);
  });

  it('refuses hidden layers far beyond its weights before building anything', async () => {
    const path = join(dir, 'huge.checkpoint.safetensors');
    const huge = { ...config, layers: [100000, 100000] };
    await saveRunCheckpoint(path, await checkpointOfAbortedRun(), { config: huge, outputs });
    const error = await loadRunCheckpoint(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toMatch(
      /huge\.checkpoint\.safetensors: the checkpoint's layers \(100000, 100000\) need more weights than the file holds \(22\)/,
    );
  });
});
