// The files the malformed invocations point at: two real models (points and 28×28 images), a
// dozen damaged or lying model files, bad CSVs, IDX files and PNGs, and places that cannot be
// read or written. Everything lives under one directory, snapshotted around every row.
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataLoader, encodeIdx, xor } from '@nabla/datasets';
import { crossEntropy } from '@nabla/losses';
import { fromSafetensors, mlp, toSafetensors } from '@nabla/nn';
import { SGD } from '@nabla/optim';
import { Generator } from '@nabla/tensor';
import { fit, type TrainingCheckpoint } from '@nabla/train';
import { saveRunCheckpoint } from 'nabla/dist/train/checkpoint-file.js';
import type { RunConfig } from 'nabla/dist/train/config.js';
import { CheckpointOnAbort } from 'nabla/dist/train/interrupt.js';
import { PNG } from 'pngjs';
import { runInProcess } from './cli-harness.js';

export interface Fixtures {
  /** The snapshot root; the in-process CLI runs with this as its working directory. */
  readonly root: string;
  /** Inputs: `at('points.safetensors')`. */
  readonly at: (name: string) => string;
  /** Where outputs would go: `out('model.safetensors')`. */
  readonly out: (name: string) => string;
  /**
   * Whether chmod stops this process (false when running as root, which reads and writes
   * through any mode): rows that rely on it are replaced or skipped, and say so.
   */
  readonly permissionsEnforced: boolean;
}

/** 28×28 random "digits" with labels 0..9, as the four-file IDX layout `--data DIR` reads. */
function writeIdxDirectory(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  const g = new Generator(7);
  const pixels = Array.from({ length: count * 784 }, () => g.nextUint32() % 256);
  const labels = Array.from({ length: count }, (_, i) => i % 10);
  writeFileSync(
    join(dir, 'train-images-idx3-ubyte'),
    encodeIdx({ dtype: 'uint8', shape: [count, 28, 28], data: pixels }),
  );
  writeFileSync(
    join(dir, 'train-labels-idx1-ubyte'),
    encodeIdx({ dtype: 'uint8', shape: [count], data: labels }),
  );
}

function png(width: number, height: number, ink: (x: number, y: number) => number): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 4 * (y * width + x);
      const v = 255 - ink(x, y);
      image.data[i] = v;
      image.data[i + 1] = v;
      image.data[i + 2] = v;
      image.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(image);
}

/** A copy of a model file with some metadata entries replaced. */
function withMetadata(source: string, target: string, change: Record<string, string>): void {
  const { tensors, metadata } = fromSafetensors(new Uint8Array(readFileSync(source)));
  writeFileSync(target, toSafetensors(tensors, { ...metadata, ...change }));
}

/** The stored settings of the interrupted run: xor, one hidden layer of 4, SGD at 0.1. */
const RUN: RunConfig = {
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

/** What the CLI saves on Ctrl-C: fit's checkpoint after the first batch of a 2 → 4 → 2 model. */
async function checkpointOfAbortedRun(): Promise<TrainingCheckpoint> {
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
  if (capture.checkpoint === null) throw new Error('fixture: the aborted run left no checkpoint');
  return capture.checkpoint;
}

/** Whether chmod 0o555 keeps this process from creating a file in `dir` (not so for root). */
export function chmodStopsWrites(dir: string): boolean {
  const probe = join(dir, 'probe');
  mkdirSync(probe);
  chmodSync(probe, 0o555);
  try {
    writeFileSync(join(probe, 'x'), 'x');
    return false;
  } catch {
    return true;
  } finally {
    chmodSync(probe, 0o755);
    rmSync(probe, { recursive: true });
  }
}

export async function makeFixtures(root: string): Promise<Fixtures> {
  const inputs = join(root, 'inputs');
  const outputs = join(root, 'out');
  mkdirSync(inputs, { recursive: true });
  mkdirSync(outputs, { recursive: true });
  const at = (name: string) => join(inputs, name);
  const out = (name: string) => join(outputs, name);
  const permissionsEnforced = chmodStopsWrites(root);

  const trained = async (args: string[]) => {
    const run = await runInProcess(['train', '--json', ...args]);
    if (run.code !== 0) throw new Error(`fixture training failed: ${run.stderr}`);
  };
  writeIdxDirectory(at('idx'), 120);
  await trained([
    '--data',
    'xor',
    '--epochs',
    '1',
    '--layers',
    '4',
    '--out',
    at('points.safetensors'),
  ]);
  await trained([
    '--data',
    at('idx'),
    '--epochs',
    '1',
    '--layers',
    'none',
    '--out',
    at('digits.safetensors'),
  ]);

  const points = readFileSync(at('points.safetensors'));
  writeFileSync(at('empty.safetensors'), '');
  writeFileSync(at('random.safetensors'), Buffer.from('\x12\x00\x00\x00\x00\x00\x00\x00{"a":'));
  writeFileSync(at('truncated.safetensors'), points.subarray(0, Math.floor(points.length / 2)));
  const lie = Buffer.from(points);
  lie.writeBigUInt64LE(2n ** 40n, 0);
  writeFileSync(at('header-lie.safetensors'), lie);
  writeFileSync(at('text.safetensors'), 'this is not a model\n');
  writeFileSync(
    at('plain.safetensors'),
    toSafetensors(fromSafetensors(new Uint8Array(points)).tensors, {
      note: 'weights without nabla metadata',
    }),
  );
  const src = at('points.safetensors');
  const arch = (a: object) => ({ 'nabla.architecture': JSON.stringify(a) });
  const mlp = { type: 'mlp', sizes: [2, 4, 2], activation: 'relu', dropout: 0 };
  withMetadata(src, at('future-format.safetensors'), { 'nabla.format': 'nabla.cli.model/99' });
  withMetadata(src, at('arch-not-json.safetensors'), { 'nabla.architecture': '{"type":' });
  withMetadata(src, at('arch-array.safetensors'), { 'nabla.architecture': '[1,2]' });
  withMetadata(src, at('arch-cnn.safetensors'), arch({ ...mlp, type: 'cnn' }));
  withMetadata(src, at('arch-activation.safetensors'), arch({ ...mlp, activation: 'swish' }));
  withMetadata(src, at('arch-dropout.safetensors'), arch({ ...mlp, dropout: 1.5 }));
  withMetadata(src, at('arch-sizes.safetensors'), arch({ ...mlp, sizes: [2, -4, 2] }));
  withMetadata(src, at('arch-mismatch.safetensors'), arch({ ...mlp, sizes: [2, 8, 2] }));
  withMetadata(src, at('arch-huge.safetensors'), arch({ ...mlp, sizes: [2, 30000, 30000, 2] }));
  withMetadata(src, at('arch-proto.safetensors'), {
    'nabla.architecture': `{"__proto__":{"polluted":true},${JSON.stringify(mlp).slice(1)}`,
  });
  withMetadata(src, at('norm-nan.safetensors'), {
    'nabla.normalization': '{"mean":[0],"std":[0]}',
  });
  withMetadata(src, at('input-features.safetensors'), {
    'nabla.input': '{"kind":"points","features":3,"imageShape":null,"featureNames":null}',
  });
  withMetadata(src, at('classes.safetensors'), {
    'nabla.data': '{"name":"xor","classes":["a"],"noise":0,"labelColumn":null}',
  });
  // A real checkpoint of an interrupted xor run, and the same state under a stored run whose
  // hidden layers claim far more weights than the file holds.
  const checkpoint = await checkpointOfAbortedRun();
  const stored = { out: out('resumed.safetensors'), report: null, dataDir: null };
  await saveRunCheckpoint(at('checkpoint-ok.safetensors'), checkpoint, {
    config: RUN,
    outputs: stored,
  });
  await saveRunCheckpoint(at('checkpoint-huge.safetensors'), checkpoint, {
    config: { ...RUN, layers: [100000, 100000] },
    outputs: stored,
  });
  writeFileSync(
    at('checkpoint-bad-json.safetensors'),
    toSafetensors({}, { 'nabla.cli.run': '{"config":' }),
  );
  writeFileSync(
    at('checkpoint-damaged.safetensors'),
    toSafetensors({}, { 'nabla.cli.run': '{"config":{"data":1},"outputs":{}}' }),
  );

  writeFileSync(at('bad-value.csv'), 'a,b,label\n1,2,x\n1,oops,y\n');
  writeFileSync(at('empty.csv'), '');
  writeFileSync(at('header-only.csv'), 'a,b,label\n');
  writeFileSync(at('one-column.csv'), 'label\nx\ny\n');
  writeFileSync(at('ragged.csv'), 'a,b,label\n1,2,x\n1,2\n');
  writeFileSync(at('one-class.csv'), 'a,b,label\n1,2,x\n3,4,x\n5,6,x\n7,8,x\n9,0,x\n1,1,x\n');
  writeFileSync(at('few-rows.csv'), 'a,b,label\n1,2,x\n3,4,y\n');
  writeFileSync(at('empty-label.csv'), 'a,b,label\n1,2,x\n3,4,\n');
  writeFileSync(at('nan.csv'), 'a,b,label\n1,2,x\nNaN,4,y\n');
  writeFileSync(at('infinite.csv'), 'a,b,label\n1,2,x\n1e39,4,y\n');
  writeFileSync(at('binary.csv'), Buffer.from([0, 159, 146, 150, 10, 0, 0, 1]));
  writeFileSync(at('good.csv'), 'a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n9,0,x\n1,1,y\n');

  mkdirSync(at('idx-empty'));
  mkdirSync(at('idx-other'));
  writeFileSync(at('idx-other/readme.txt'), 'no IDX here');
  mkdirSync(at('idx-corrupt'));
  writeFileSync(at('idx-corrupt/train-images-idx3-ubyte'), Buffer.from([0, 0, 8, 3, 0, 0]));
  writeFileSync(at('idx-corrupt/train-labels-idx1-ubyte'), Buffer.from([0, 0, 8, 1, 0, 0, 0, 9]));
  mkdirSync(at('idx-mismatch'));
  const img = readFileSync(join(at('idx'), 'train-images-idx3-ubyte'));
  writeFileSync(at('idx-mismatch/train-images-idx3-ubyte'), img);
  writeFileSync(
    at('idx-mismatch/train-labels-idx1-ubyte'),
    encodeIdx({ dtype: 'uint8', shape: [7], data: [0, 1, 2, 3, 4, 5, 6] }),
  );
  mkdirSync(at('mnist-bad-checksum'));
  writeFileSync(at('mnist-bad-checksum/train-images-idx3-ubyte.gz'), 'not the real file');

  const digit = png(28, 28, (x, y) => (Math.abs(x - 14) < 3 && y > 4 && y < 24 ? 255 : 0));
  writeFileSync(at('digit.png'), digit);
  writeFileSync(at('truncated.png'), digit.subarray(0, 40));
  writeFileSync(at('not-a-png.png'), 'GIF89a');
  writeFileSync(
    at('blank.png'),
    png(28, 28, () => 0),
  );
  writeFileSync(
    at('wide.png'),
    png(40, 10, (x) => (x % 7 === 0 ? 255 : 0)),
  );
  mkdirSync(at('png-dir.png'));

  writeFileSync(at('a-file'), 'a regular file, used where a directory is expected');
  mkdirSync(at('read-only'));
  mkdirSync(at('unreadable-dir'));
  writeFileSync(at('unreadable-dir/train-images-idx3-ubyte'), 'x');
  writeFileSync(at('unreadable.csv'), 'a,b,label\n1,2,x\n');
  writeFileSync(at('unreadable.safetensors'), points);
  chmodSync(at('read-only'), 0o555);
  chmodSync(at('unreadable-dir'), 0o000);
  chmodSync(at('unreadable.csv'), 0o000);
  chmodSync(at('unreadable.safetensors'), 0o000);
  return { root, at, out, permissionsEnforced };
}

/** Undoes the chmods so the directory can be removed. */
export function restorePermissions(f: Fixtures): void {
  for (const name of ['read-only', 'unreadable-dir']) chmodSync(f.at(name), 0o755);
  for (const name of ['unreadable.csv', 'unreadable.safetensors']) chmodSync(f.at(name), 0o644);
}
