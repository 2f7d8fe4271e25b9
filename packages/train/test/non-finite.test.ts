// The three ways a run diverges, and where each is caught: a non-finite loss (before the
// backward pass), a non-finite gradient under a finite loss (before the optimizer step), and a
// finite step that overflows a weight at the end of an epoch (before any callback saves it).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mean, mul } from '@nabla/autograd';
import { DataLoader, NonFiniteDataError } from '@nabla/datasets';
import { Linear, NonFiniteWeightError } from '@nabla/nn';
import { SGD } from '@nabla/optim';
import { Tensor } from '@nabla/tensor';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  encodeCheckpoint,
  fit,
  NonFiniteGradientError,
  type TrainingCheckpoint,
} from '../src/index.js';
import { ModelCheckpoint } from '../src/node.js';
import { weightBytes } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nabla-train-nonfinite-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** n samples of `features` inputs, all 1 except feature `big`, which is `bigValue`. */
function data(n: number, features: number, big: number, bigValue: number) {
  const x = new Float32Array(n * features).fill(1);
  for (let i = 0; i < n; i++) x[i * features + big] = bigValue;
  return { x: new Tensor(x, [n, features]), y: new Tensor(new Float32Array(n), [n]) };
}

/** A linear model whose weights start at zero, so its output (and a loss scaled by it) is 0. */
function zeroModel(features: number): Linear {
  const model = new Linear(features, 1, { seed: 1 });
  for (const p of model.parameters()) p.data.data.fill(0);
  return model;
}

describe('non-finite gradients and weights', () => {
  test('a finite loss whose gradient overflows stops before the step, naming parameter and index', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.nat(),
        fc.integer({ min: 1, max: 3 }),
        async (features, at, epochs) => {
          const big = at % features;
          const model = zeroModel(features);
          const before = weightBytes(model);
          // dL/dout = 1e38 / n, so dL/dw_big = 1e38 · 1e3 overflows float32; dL/db stays finite.
          const error = await fit(model, {
            loss: (out) => mul(mean(out), 1e38),
            optimizer: new SGD(model.parameters(), { lr: 1e-3 }),
            train: new DataLoader(data(8, features, big, 1e3), { batchSize: 4 }),
            epochs,
          }).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(NonFiniteGradientError);
          const e = error as NonFiniteGradientError;
          expect([e.epoch, e.step, e.parameter, e.index, e.value, e.loss]).toEqual([
            1,
            1,
            'weight',
            [0, big],
            Number.POSITIVE_INFINITY,
            0,
          ]);
          expect(e.message).toContain(
            `gradient of "weight" is Infinity at index [0,${big}] at epoch 1, step 1`,
          );
          expect(weightBytes(model)).toEqual(before);
        },
      ),
      { numRuns: 30 },
    );
  });

  test('terminateOnNaN: false lets such a step through', async () => {
    const model = zeroModel(2);
    const history = await fit(model, {
      loss: (out) => mul(mean(out), 1e38),
      optimizer: new SGD(model.parameters(), { lr: 1e-3 }),
      train: new DataLoader(data(4, 2, 0, 1e3), { batchSize: 4 }),
      epochs: 1,
      terminateOnNaN: false,
    });
    expect(history.stop.reason).toBe('completed');
    expect(model.weight.data.data[0]).toBe(Number.NEGATIVE_INFINITY);
  });

  test('an update that overflows a weight stops fit right after that step, before ModelCheckpoint saves it', async () => {
    const model = zeroModel(3);
    const path = join(dir, 'model-{epoch}.safetensors');
    // One batch per epoch: the loss is 0 (finite), the gradient 10 (finite), the step 1e38 · 10.
    const error = await fit(model, {
      loss: (out) => mean(out),
      optimizer: new SGD(model.parameters(), { lr: 1e38 }),
      train: new DataLoader(data(4, 3, 2, 10), { batchSize: 4 }),
      epochs: 3,
      callbacks: [new ModelCheckpoint({ path })],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonFiniteWeightError);
    expect((error as NonFiniteWeightError).key).toBe('weight');
    expect((error as NonFiniteWeightError).index).toEqual([0, 2]);
    expect((error as Error).message).toBe(
      'fit: "weight" holds -Infinity at index [0,2]; the update of epoch 1, step 1 overflowed (the gradient norm, 10.15, was finite): try a lower learning rate',
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a loader other than DataLoader handing out NaN: the sample is named, not the weights blamed', async () => {
    const model = zeroModel(3);
    const x = new Tensor(new Float32Array([1, 2, 3, 4, 5, Number.NaN]), [2, 3]);
    const y = new Tensor(new Float32Array([0, 1]), [2]);
    let state = { epoch: 0, batch: 0 };
    const batches = {
      length: 1,
      getState: () => state,
      setState: (s: typeof state) => {
        state = s;
      },
      *[Symbol.iterator]() {
        state = { epoch: state.epoch + 1, batch: 0 };
        yield { x, y };
      },
    };
    const error = await fit(model, {
      loss: (out) => mean(out),
      optimizer: new SGD(model.parameters(), { lr: 0.1 }),
      train: batches,
      epochs: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonFiniteDataError);
    expect((error as Error).message).toMatch(
      /^fit: the inputs x of epoch 1, step 1 \[2,3\] holds NaN at sample 1, feature 2 \(index \[1,2\]\)/,
    );
  });

  test('a model that is not finite before training is named as such', async () => {
    const model = zeroModel(2);
    model.bias!.data.data[0] = Number.NaN;
    const error = await fit(model, {
      loss: (out) => mean(out),
      optimizer: new SGD(model.parameters(), { lr: 0.1 }),
      train: new DataLoader(data(4, 2, 0, 1), { batchSize: 4 }),
      epochs: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonFiniteWeightError);
    expect((error as Error).message).toBe(
      'fit: "bias" holds NaN at index [0]; the model is not finite before training: load or initialise finite weights',
    );
  });

  test('encodeCheckpoint refuses a state holding NaN, naming the tensor and the index', () => {
    const weight = new Tensor(new Float32Array([1, 2, Number.NaN, 4]), [2, 2]);
    const checkpoint = {
      format: 'nabla.train.checkpoint',
      version: 1,
      epoch: 1,
      step: 1,
      model: { weight },
      optimizer: { state: {}, paramGroups: [] },
      scheduler: null,
      train: { epoch: 1, batch: 0 },
      progress: null,
      history: [],
      callbacks: {},
      generators: [],
    } as unknown as TrainingCheckpoint;
    expect(() => encodeCheckpoint(checkpoint)).toThrow(NonFiniteWeightError);
    expect(() => encodeCheckpoint(checkpoint)).toThrow(
      /encodeCheckpoint: "\/model\/weight" holds NaN at index \[1,0\]/,
    );
  });
});
