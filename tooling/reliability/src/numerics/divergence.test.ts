// Divergence: random learning rates (1 to 1e38) and loss scales, every optimizer. Each run
// either completes with finite weights or stops with NonFiniteLossError, NonFiniteGradientError
// or NonFiniteWeightError naming the epoch and the step; after a loss or gradient stop every
// weight is still finite; every model and checkpoint file written along the way loads, holds
// only finite numbers, and no temporary file is left. The CLI: a diverging `nabla train --out`
// exits with 1 and a one-line message naming epoch, step and loss, and leaves the previous
// model file byte for byte (or no file at all).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mul, reshape, type Variable } from '@nabla/autograd';
import { circles, DataLoader } from '@nabla/datasets';
import { binaryCrossEntropyWithLogits } from '@nabla/losses';
import { findNonFinite, mlp, NonFiniteWeightError } from '@nabla/nn';
import { loadModel } from '@nabla/nn/node';
import { Adagrad, Adam, AdamW, RMSprop, SGD } from '@nabla/optim';
import type { Tensor } from '@nabla/tensor';
import { fit, NonFiniteGradientError, NonFiniteLossError } from '@nabla/train';
import { loadCheckpoint, ModelCheckpoint } from '@nabla/train/node';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budget } from '../budget.js';
import { runCli } from '../child.js';
import { recordFigures } from '../figures.js';

const OPTIMIZERS = {
  sgd: (p: Variable[], lr: number) => new SGD(p, { lr, momentum: 0.9 }),
  adam: (p: Variable[], lr: number) => new Adam(p, { lr }),
  adamw: (p: Variable[], lr: number) => new AdamW(p, { lr }),
  rmsprop: (p: Variable[], lr: number) => new RMSprop(p, { lr }),
  adagrad: (p: Variable[], lr: number) => new Adagrad(p, { lr }),
} as const;
type OptimizerName = keyof typeof OPTIMIZERS;

const EPOCHS = 3;
const BATCH = 25;
const DATA = circles({ n: 100, noise: 0.1, seed: 1 }); // 4 batches of 25 per epoch

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nabla-numerics-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const outcomes: Record<string, number> = {};
/** Counted apart from `outcomes`, so that its figure, with its note, is always listed. */
let gradientStops = 0;
const count = (key: string) => {
  outcomes[key] = (outcomes[key] ?? 0) + 1;
};

interface Trial {
  optimizer: OptimizerName;
  lrExponent: number;
  lossScaleExponent: number;
  activation: 'tanh' | 'relu';
  seed: number;
}

async function runTrial(t: Trial, trialDir: string): Promise<void> {
  const model = mlp([2, 8, 8, 1], { seed: t.seed, activation: t.activation });
  const lr = 10 ** t.lrExponent;
  const scale = 10 ** t.lossScaleExponent;
  const loss = (out: Variable, y: Tensor) =>
    mul(binaryCrossEntropyWithLogits(reshape(out, [-1]), y), scale);
  const modelPath = join(trialDir, 'model.safetensors');
  const checkpointPath = join(trialDir, 'run.ckpt');
  let error: unknown = null;
  try {
    await fit(model, {
      loss,
      optimizer: OPTIMIZERS[t.optimizer](model.parameters(), lr),
      train: new DataLoader(DATA, { batchSize: BATCH, shuffle: true, seed: t.seed }),
      epochs: EPOCHS,
      callbacks: [
        new ModelCheckpoint({ path: modelPath }),
        new ModelCheckpoint({ path: checkpointPath, contents: 'training' }),
      ],
    });
  } catch (e) {
    error = e;
  }

  const weightsFinite = findNonFinite(model.stateDict()) === null;
  if (error === null) {
    count('completed');
    expect(weightsFinite).toBe(true);
  } else if (error instanceof NonFiniteLossError || error instanceof NonFiniteGradientError) {
    if (error instanceof NonFiniteLossError) count('NonFiniteLossError');
    else gradientStops += 1;
    expect(error.epoch).toBeGreaterThanOrEqual(1);
    expect(error.epoch).toBeLessThanOrEqual(EPOCHS);
    expect(error.step).toBeGreaterThanOrEqual(1);
    expect(error.step).toBeLessThanOrEqual(4);
    expect(error.message).toContain(`at epoch ${error.epoch}, step ${error.step}`);
    // Stopped before the step that would have spoiled them.
    expect(weightsFinite).toBe(true);
  } else if (error instanceof NonFiniteWeightError && error.op === 'fit') {
    count('NonFiniteWeightError (after the step)');
    expect(error.message).toMatch(/the update of epoch [1-3], step [1-4] overflowed/);
    expect(error.index.length).toBeGreaterThan(0);
  } else if (error instanceof NonFiniteWeightError && error.op === 'encodeCheckpoint') {
    // A squared gradient above float32's range (|g| > 1.8e19) makes Adagrad's sum or Adam's and
    // RMSprop's second moment Infinity while the weights stay finite (the update divides by it):
    // the run goes on, but its checkpoint is refused rather than written with an Infinity in it.
    count('checkpoint refused: optimizer state overflowed');
    expect(error.key).toMatch(/^\/optimizer\/state\//);
    expect(weightsFinite).toBe(true);
  } else {
    throw error;
  }

  // Whatever was written is whole, loads, and holds only finite numbers.
  const files = readdirSync(trialDir);
  expect(files.filter((f) => f.endsWith('.tmp') || f.startsWith('.'))).toEqual([]);
  if (files.includes('model.safetensors')) {
    const back = mlp([2, 8, 8, 1], { seed: 0, activation: t.activation });
    await loadModel(modelPath, back);
    expect(findNonFinite(back.stateDict())).toBeNull();
    count('model files checked');
  }
  if (files.includes('run.ckpt')) {
    const c = await loadCheckpoint(checkpointPath);
    expect(findNonFinite(c.model)).toBeNull();
    count('checkpoint files checked');
  }
}

describe('numerics: divergence', () => {
  it('every run completes finite or stops naming epoch and step; nothing non-finite is saved', async () => {
    const runs = budget(40, 2000);
    let trial = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          optimizer: fc.constantFrom(...(Object.keys(OPTIMIZERS) as OptimizerName[])),
          lrExponent: fc.double({ min: -1, max: 38, noNaN: true }),
          lossScaleExponent: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 38, noNaN: true })),
          activation: fc.constantFrom('tanh' as const, 'relu' as const),
          seed: fc.integer({ min: 0, max: 1000 }),
        }),
        async (t) => {
          const trialDir = join(dir, `t${trial++}`);
          await runTrial(t, mkdtempSync(`${trialDir}-`));
        },
      ),
      { numRuns: runs, seed: 9 },
    );
    const diverged = runs - (outcomes.completed ?? 0);
    // The trials must exercise divergence, not only healthy runs.
    expect(diverged).toBeGreaterThanOrEqual(runs / 20);
    expect(outcomes.NonFiniteLossError ?? 0).toBeGreaterThan(0);
    recordFigures('numerics-divergence', 'Numerical faults: diverging runs', [
      {
        name: 'fit runs (random optimizer, lr 0.1–1e38, loss scale 1–1e38)',
        value: runs,
        unit: 'runs',
      },
      ...Object.entries(outcomes).map(([name, value]) => ({
        name,
        value,
        unit: name.endsWith('checked') ? 'files' : 'runs',
      })),
      {
        name: 'NonFiniteGradientError',
        value: gradientStops,
        unit: 'runs',
        note: 'needs a finite loss with an overflowing gradient, which random rates and scales rarely give; packages/train/test/non-finite.test.ts builds it on purpose',
      },
      {
        name: 'non-finite numbers in saved files',
        value: 0,
        note: 'every model and checkpoint file written loaded and was all finite; no temporary files left',
      },
    ]);
  });

  it('nabla train with a diverging --lr exits 1 naming epoch, step and loss, and keeps the previous model', async () => {
    const cwd = mkdtempSync(join(dir, 'cli-'));
    const out = join(cwd, 'm.safetensors');
    const good = await runCli(['train', '--data', 'circles', '--epochs', '2', '--out', out], cwd);
    expect(good.code).toBe(0);
    let before = readFileSync(out);

    const lrs = budget(['1e6'], ['1e3', '1e6', '1e12', '1e30']);
    const optimizers = budget(['sgd'], ['sgd', 'adam', 'rmsprop']);
    let runs = 0;
    let diverged = 0;
    let survived = 0;
    for (const optimizer of optimizers) {
      for (const lr of lrs) {
        const args = ['--data', 'circles', '--epochs', '3', '--optimizer', optimizer, '--lr', lr];
        const bad = await runCli(['train', ...args, '--out', out], cwd);
        runs += 1;
        if (bad.code === 0) {
          // An optimizer that survives this rate (Adam's steps are bounded by it): a new model.
          before = readFileSync(out);
          survived += 1;
          continue;
        }
        diverged += 1;
        expect(bad.code).toBe(1);
        expect(bad.stderr.trim().split('\n')).toHaveLength(1);
        expect(bad.stderr).toMatch(
          /^nabla: error: training diverged: fit: (the training loss is (NaN|-?Infinity) at epoch \d+, step \d+|the gradient of .* at epoch \d+, step \d+|".*" holds .* the update of epoch \d+, step \d+ overflowed)/,
        );
        expect(bad.stderr).toContain(`${out} was not written`);
        expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace
        expect(readFileSync(out)).toEqual(before);
        expect(readdirSync(cwd)).toEqual(['m.safetensors']);
      }
    }
    // Without a previous model: nothing is left behind.
    const fresh = join(cwd, 'fresh.safetensors');
    const bad = await runCli(
      ['train', '--data', 'circles', '--optimizer', 'sgd', '--lr', '1e6', '--out', fresh],
      cwd,
    );
    expect(bad.code).toBe(1);
    expect(existsSync(fresh)).toBe(false);
    expect(readdirSync(cwd)).toEqual(['m.safetensors']);
    expect(diverged).toBeGreaterThan(0);
    recordFigures('numerics-cli-divergence', 'Numerical faults: diverging nabla train', [
      {
        name: 'nabla train runs at huge --lr over an existing --out',
        value: runs,
        unit: 'runs',
        note: `${diverged} diverged (exit 1, file kept), ${survived} completed (a new model)`,
      },
      {
        name: 'previous model file changed',
        value: 0,
        note: 'compared byte for byte after each run',
      },
    ]);
  });
});
