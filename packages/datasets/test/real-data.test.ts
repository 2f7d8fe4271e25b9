// The real MNIST and Fashion-MNIST files, where the workspace has them (../shared/data beside
// the repository). Elsewhere the same calls must fail cleanly with MissingFileError: either way
// something real is asserted, and nothing is skipped.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MissingFileError, type MnistData } from '../src/index.js';
import { loadFashionMnist, loadMnist } from '../src/node.js';

const shared = resolve(import.meta.dirname, '../../../../shared/data');

const cases = [
  {
    name: 'MNIST',
    load: loadMnist,
    root: resolve(shared, 'mnist'),
    firstTrain: [5, 0, 4, 1, 9, 2, 1, 3, 1, 4],
    firstTest: [7, 2, 1, 0, 4, 1, 4, 9, 5, 9],
    trainCounts: [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949],
  },
  {
    name: 'Fashion-MNIST',
    load: loadFashionMnist,
    root: resolve(shared, 'fashion-mnist'),
    firstTrain: [9, 0, 0, 3, 0, 2, 7, 2, 5, 5],
    firstTest: [9, 2, 1, 1, 6, 1, 4, 6, 5, 7],
    trainCounts: new Array(10).fill(6000),
  },
];

describe.each(cases)('$name from $root', ({ load, root, firstTrain, firstTest, trainCounts }) => {
  it('loads the verified 60,000/10,000 split, or reports the missing files', async () => {
    if (!existsSync(resolve(root, 'train-images-idx3-ubyte.gz'))) {
      await expect(load({ root })).rejects.toBeInstanceOf(MissingFileError);
      return;
    }
    const data: MnistData = await load({ root });
    expect(data.train.x.shape).toEqual([60000, 784]);
    expect(data.train.y.shape).toEqual([60000]);
    expect(data.test.x.shape).toEqual([10000, 784]);
    expect(data.test.y.shape).toEqual([10000]);
    expect(data.train.x.dtype).toBe('float32');
    expect(data.test.y.dtype).toBe('int32');
    expect(Array.from(data.train.y.data.subarray(0, 10))).toEqual(firstTrain);
    expect(Array.from(data.test.y.data.subarray(0, 10))).toEqual(firstTest);
    const counts = new Array(10).fill(0);
    for (const label of data.train.y.data) counts[label]++;
    expect(counts).toEqual(trainCounts);
    let max = 0;
    for (const v of data.test.x.data) if (v > max) max = v;
    expect(max).toBe(1);
  });
});

describe('the embedded sample', () => {
  const script = resolve(import.meta.dirname, '../scripts/make-sample.mjs');
  const root = resolve(shared, 'mnist');

  it('is what scripts/make-sample.mjs makes from the real MNIST (or the script says what is missing)', () => {
    const run = () =>
      execFileSync(process.execPath, [script, '--check', '--root', root], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    if (existsSync(resolve(root, 'train-images-idx3-ubyte.gz'))) {
      expect(run()).toMatch(/the committed MNIST sample matches the real MNIST files/);
    } else {
      expect(run).toThrow(/ENOENT.*train-images-idx3-ubyte\.gz/s);
    }
  });
});
