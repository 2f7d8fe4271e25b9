// A model whose dropout masks come from generators the caller never sees (mlp({ dropout })
// seeds private ones) still resumes bit for bit: fit checkpoints model.generators() by itself.
import { circles, DataLoader } from '@nabla/datasets';
import { mlp } from '@nabla/nn';
import { SGD } from '@nabla/optim';
import { Generator } from '@nabla/tensor';
import { describe, expect, test } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint, fit, type TrainingCheckpoint } from '../src/index.js';
import { binaryLoss, weightBytes, withoutTimes } from './helpers.js';

const DATA = circles({ n: 120, noise: 0.2, seed: 3 });
const EPOCHS = 4;
const BATCHES = Math.ceil(120 / 16);

function setup(seed: number) {
  const model = mlp([2, 12, 12, 1], { dropout: 0.4, activation: 'tanh', seed });
  const optimizer = new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
  const options = {
    loss: binaryLoss,
    optimizer,
    train: new DataLoader(DATA, { batchSize: 16, shuffle: true, seed: 9 }),
    epochs: EPOCHS,
  };
  return { model, options };
}

describe('resume with the model’s own dropout generators', () => {
  const random = new Generator(99);
  const steps = [
    1 + random.nextBelow(EPOCHS * BATCHES - 1),
    1 + random.nextBelow(EPOCHS * BATCHES - 1),
  ];

  test.each(steps)(
    'interrupted at step %i: same weights and History, bit for bit',
    async (step) => {
      const reference = setup(1);
      const full = await fit(reference.model, reference.options);

      const first = setup(1);
      const controller = new AbortController();
      let checkpoint: TrainingCheckpoint | null = null;
      await fit(first.model, {
        ...first.options,
        signal: controller.signal,
        callbacks: [
          {
            onBatchEnd: (ctx) => {
              if (ctx.step === step) controller.abort();
            },
            onTrainEnd: (ctx) => {
              checkpoint = ctx.checkpoint();
            },
          },
        ],
      });
      expect(checkpoint!.generators).toHaveLength(2);

      // Another seed: weights, optimizer state and masks must all come from the checkpoint.
      const second = setup(2);
      const resumed = await fit(second.model, {
        ...second.options,
        resume: decodeCheckpoint(encodeCheckpoint(checkpoint!)),
      });
      expect(withoutTimes(resumed)).toEqual(withoutTimes(full));
      expect(weightBytes(second.model)).toEqual(weightBytes(reference.model));
    },
  );

  test('a generator passed to fit that the model also holds is saved once', async () => {
    const { model, options } = setup(1);
    let checkpoint: TrainingCheckpoint | null = null;
    await fit(model, {
      ...options,
      epochs: 1,
      generators: [model.generators()[1]!, new Generator(5)],
      callbacks: [
        {
          onTrainEnd: (ctx) => {
            checkpoint = ctx.checkpoint();
          },
        },
      ],
    });
    expect(checkpoint!.generators).toHaveLength(3);
    expect(checkpoint!.generators[2]).toEqual(new Generator(5).getState());
  });
});
