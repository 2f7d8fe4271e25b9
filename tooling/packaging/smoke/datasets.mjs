import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  circles,
  DataLoader,
  decodeIdx,
  encodeIdx,
  IdxError,
  loadMnistSample,
  MissingFileError,
  spiral,
} from '@nabla/datasets';
import { loadMnist } from '@nabla/datasets/node';

const c = circles({ n: 500, noise: 0.1, seed: 1 });
assert.deepEqual(c.x.shape, [500, 2]);
assert.deepEqual(c.y.shape, [500]);
assert.equal(c.y.dtype, 'int32');
assert.deepEqual(Array.from(c.x.data), Array.from(circles({ n: 500, noise: 0.1, seed: 1 }).x.data));
assert.deepEqual(spiral({ n: 7, seed: 2 }).x.shape, [7, 2]);

const sample = await loadMnistSample();
assert.deepEqual(sample.train.x.shape, [10000, 784]);
assert.deepEqual(sample.test.y.shape, [2000]);
assert.equal(sample.train.x.dtype, 'float32');

const loader = new DataLoader(sample.test, { batchSize: 128, shuffle: true, seed: 1 });
assert.equal(loader.length, 16);
let seen = 0;
for (const { x, y } of loader) {
  assert.equal(x.shape[0], y.shape[0]);
  seen += y.shape[0];
}
assert.equal(seen, 2000);

const idx = encodeIdx({ dtype: 'uint8', shape: [2, 2], data: [1, 2, 3, 4] });
assert.deepEqual(Array.from(decodeIdx(idx).data), [1, 2, 3, 4]);
assert.throws(() => decodeIdx(idx.subarray(0, 9)), IdxError);

const empty = mkdtempSync(join(tmpdir(), 'nabla-smoke-'));
await assert.rejects(loadMnist({ root: empty }), MissingFileError);
rmSync(empty, { recursive: true, force: true });
console.log('@nabla/datasets ok');
