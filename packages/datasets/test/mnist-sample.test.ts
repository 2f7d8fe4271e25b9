// The embedded MNIST sample: the bytes are the ones the script recorded (SHA-256), and they
// decode to 10,000 + 2,000 balanced, well-formed digits.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import * as embedded from '../src/generated/mnist-sample.js';
import { decodeBase64, loadMnistSample, type MnistData, parseIdx } from '../src/index.js';
import { inflateNode } from '../src/node.js';

const files = [
  embedded.trainImages,
  embedded.trainLabels,
  embedded.testImages,
  embedded.testLabels,
];
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** Byte equality of two typed arrays: vitest's toEqual is far too slow on millions of elements. */
const sameBytes = (a: ArrayBufferView, b: ArrayBufferView) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );

let sample: MnistData;
beforeAll(async () => {
  sample = loadMnistSample();
});

describe('embedded bytes', () => {
  it.each(files.map((f) => [f.name, f] as const))(
    '%s has the SHA-256 recorded at generation',
    (_name, file) => {
      const gz = decodeBase64(file.base64);
      expect(sha256(gz)).toBe(file.sha256);
      expect(sha256(gunzipSync(gz))).toBe(file.idxSha256);
    },
  );

  it('decodeBase64 agrees with Node’s decoder', () => {
    for (const text of ['', 'QQ==', 'QUI=', 'QUJD', embedded.testLabels.base64]) {
      expect(decodeBase64(text)).toEqual(new Uint8Array(Buffer.from(text, 'base64')));
    }
    expect(() => decodeBase64('QQ=')).toThrow(/multiple of 4/);
    expect(() => decodeBase64('Q!==')).toThrow(/invalid base64 character at 1/);
  });

  it('is a few MB: under 2.2 MB gzipped in all', () => {
    const total = files.reduce((a, f) => a + (f.base64.length / 4) * 3, 0);
    expect(total).toBeLessThan(2.2e6);
  });
});

describe('loadMnistSample', () => {
  it('has 10,000 training and 2,000 test digits of 784 float32 pixels, int32 labels', () => {
    expect(sample.train.x.shape).toEqual([10000, 784]);
    expect(sample.train.y.shape).toEqual([10000]);
    expect(sample.test.x.shape).toEqual([2000, 784]);
    expect(sample.test.y.shape).toEqual([2000]);
    for (const part of [sample.train, sample.test]) {
      expect(part.x.dtype).toBe('float32');
      expect(part.y.dtype).toBe('int32');
    }
  });

  it('is class-balanced: 1,000 and 200 of each digit', () => {
    const counts = (y: ArrayLike<number>) => {
      const c = new Array(10).fill(0);
      for (let i = 0; i < y.length; i++) c[y[i]!]++;
      return c;
    };
    expect(counts(sample.train.y.data)).toEqual(new Array(10).fill(1000));
    expect(counts(sample.test.y.data)).toEqual(new Array(10).fill(200));
  });

  it('has pixels in [0, 1] that look like MNIST (mostly background, some full ink)', () => {
    const px = sample.train.x.data;
    let min = 1;
    let max = 0;
    let zeros = 0;
    let sum = 0;
    for (let i = 0; i < px.length; i++) {
      const v = px[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
      if (v === 0) zeros++;
      sum += v;
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    expect(zeros / px.length).toBeGreaterThan(0.75);
    // MNIST's mean pixel is 0.1307.
    expect(sum / px.length).toBeGreaterThan(0.12);
    expect(sum / px.length).toBeLessThan(0.14);
    // Pixels are bytes / 255 exactly.
    expect(Math.round(px[300]! * 255) / 255).toBe(px[300]);
  });

  it('is synchronous, agrees with node:zlib, and is fresh on every call', async () => {
    const again = loadMnistSample();
    expect(again.train.x.shape).toEqual([10000, 784]);
    const viaZlib = await parseIdx(decodeBase64(embedded.trainImages.base64), {
      inflate: inflateNode,
    });
    expect(
      sameBytes(
        viaZlib.data,
        Uint8Array.from(again.train.x.data, (v) => Math.round(v * 255)),
      ),
    ).toBe(true);
    expect(sameBytes(again.test.y.data, sample.test.y.data)).toBe(true);
    // Not `.not.toBe`: on objects that differ it deep-compares them for its hint (minutes here).
    expect(again.train.x === sample.train.x).toBe(false);
  });
});
