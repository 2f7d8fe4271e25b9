// A training run that checkpoints after every step, for the crash-safety test to kill with
// SIGKILL. It resumes from the checkpoint in its directory when there is one, so a series of
// killed runs makes progress and finally completes. Before each file is written it prints
// `begin <file> <step> <sha256>` (the bytes it is about to write) and after it `end <file>
// <step>`; stdout is a pipe, written synchronously on Linux, so every line printed before the
// kill reaches the parent. At the end: `done <sha256 of the weights>`.
//
//   node train-child.mjs <dir> <epochs>
import { join } from 'node:path';
import { circles, DataLoader } from '@nabla/datasets';
import { crossEntropy } from '@nabla/losses';
import { mlp, toSafetensors } from '@nabla/nn';
import { saveModel } from '@nabla/nn/node';
import { Adam, StepLR } from '@nabla/optim';
import { EarlyStopping, encodeCheckpoint, fit } from '@nabla/train';
import { loadCheckpoint, saveCheckpoint } from '@nabla/train/node';
import { sha256, weightBytes } from '../determinism/digest.mjs';

const [dir, epochs] = [process.argv[2], Number(process.argv[3])];
if (dir === undefined || !(epochs > 0))
  throw new Error('usage: node train-child.mjs <dir> <epochs>');
const checkpointPath = join(dir, 'run.ckpt');
const modelPath = join(dir, 'model.safetensors');

const say = (line) => process.stdout.write(`${line}\n`);

// Wide enough that a checkpoint (weights, Adam's two moments, EarlyStopping's best weights)
// is about 1 MB, so a write takes long enough to be hit.
const model = mlp([2, 192, 192, 2], { activation: 'tanh', dropout: 0.2, seed: 1 });
const optimizer = new Adam(model.parameters(), { lr: 0.005 });
const early = new EarlyStopping({ patience: 3, smoothing: 0.5 });
const resume = await loadCheckpoint(checkpointPath).catch((error) => {
  if (error.code === 'ENOENT') return undefined;
  throw error;
});
say(`start ${resume === undefined ? 0 : resume.step}`);

const saveEveryStep = {
  async onBatchEnd(ctx) {
    const checkpoint = ctx.checkpoint();
    say(`begin checkpoint ${ctx.step} ${sha256(encodeCheckpoint(checkpoint))}`);
    await saveCheckpoint(checkpointPath, checkpoint);
    say(`end checkpoint ${ctx.step}`);
    const metadata = { step: String(ctx.step) };
    say(`begin model ${ctx.step} ${sha256(toSafetensors(ctx.model.stateDict(), metadata))}`);
    await saveModel(modelPath, ctx.model, metadata);
    say(`end model ${ctx.step}`);
  },
};

await fit(model, {
  loss: crossEntropy,
  optimizer,
  scheduler: new StepLR(optimizer, { stepSize: 2, gamma: 0.5 }),
  train: new DataLoader(circles({ n: 384, noise: 0.2, seed: 1 }), {
    batchSize: 32,
    shuffle: true,
    seed: 2,
  }),
  val: new DataLoader(circles({ n: 128, noise: 0.2, seed: 3 }), { batchSize: 128 }),
  epochs,
  callbacks: [early, saveEveryStep],
  ...(resume === undefined ? {} : { resume }),
});
say(`done ${sha256(weightBytes(model))}`);
