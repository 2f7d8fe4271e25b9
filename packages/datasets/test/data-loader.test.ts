// DataLoader: each sample exactly once per epoch, batch sizes and dropLast, reproducible
// shuffles that change from epoch to epoch, and a saved state that resumes the exact order.
import { ArgumentError, ShapeError, Tensor } from '@nabla/tensor';
import { runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataLoader, type Dataset, epochSeed } from '../src/index.js';

/** n samples whose x rows are [i, −i, i + 0.5] and y is i, so a batch shows which samples it holds. */
function indexed(n: number): Dataset {
  const x = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) x.set([i, -i, i + 0.5], 3 * i);
  return {
    x: new Tensor(x, [n, 3]),
    y: new Tensor(
      Int32Array.from({ length: n }, (_, i) => i),
      [n],
    ),
  };
}

/** The sample ids of each batch, checking that x rows travel with their y. */
function ids(batches: Iterable<Dataset>): number[][] {
  return Array.from(batches, ({ x, y }) => {
    expect(x.shape[0]).toBe(y.shape[0]);
    return Array.from(y.data, (id, j) => {
      expect(Array.from(x.data.subarray(3 * j, 3 * j + 3))).toEqual([id, -id, id + 0.5]);
      return id;
    });
  });
}

const optionsArb = fc.record({
  n: fc.integer({ min: 0, max: 60 }),
  batchSize: fc.integer({ min: 1, max: 70 }),
  shuffle: fc.boolean(),
  dropLast: fc.boolean(),
  seed: fc.nat(),
});

describe('DataLoader', () => {
  it('visits every sample exactly once per epoch, in batches of batchSize (dropLast drops only the tail)', () => {
    fc.assert(
      fc.property(optionsArb, ({ n, ...options }) => {
        const loader = new DataLoader(indexed(n), options);
        const batches = ids(loader);
        const full = Math.floor(n / options.batchSize);
        const tail = n % options.batchSize;
        expect(loader.length).toBe(options.dropLast || tail === 0 ? full : full + 1);
        expect(batches.length).toBe(loader.length);
        batches.forEach((b, i) => {
          expect(b.length).toBe(i < full ? options.batchSize : tail);
        });
        const seen = batches.flat().sort((a, b) => a - b);
        if (options.dropLast) {
          expect(new Set(seen).size).toBe(seen.length);
          expect(seen.length).toBe(full * options.batchSize);
        } else {
          expect(seen).toEqual(Array.from({ length: n }, (_, i) => i));
        }
      }),
      { numRuns: runs(150) },
    );
  });

  it('keeps the data set order without shuffle, as views of its rows', () => {
    const data = indexed(10);
    const loader = new DataLoader(data, { batchSize: 4 });
    const batches = [...loader];
    expect(ids(batches)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(batches[1]!.x.data.buffer).toBe(data.x.data.buffer);
  });

  it('gives the same order for the same seed on every run, another for another seed', () => {
    const a = ids(new DataLoader(indexed(50), { batchSize: 8, shuffle: true, seed: 3 }));
    const b = ids(new DataLoader(indexed(50), { batchSize: 8, shuffle: true, seed: 3 }));
    const c = ids(new DataLoader(indexed(50), { batchSize: 8, shuffle: true, seed: 4 }));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.flat()).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('reshuffles every epoch; epoch k’s order depends only on (seed, k)', () => {
    const loader = new DataLoader(indexed(40), { batchSize: 40, shuffle: true, seed: 11 });
    const epochs = [0, 1, 2].map(() => ids(loader)[0]!);
    expect(loader.epoch).toBe(3);
    expect(epochs[0]).not.toEqual(epochs[1]);
    expect(epochs[1]).not.toEqual(epochs[2]);
    // A fresh loader asked for epoch 2 directly agrees, without iterating epochs 0 and 1.
    const fresh = new DataLoader(indexed(40), { batchSize: 40, shuffle: true, seed: 11 });
    expect(ids(fresh.epochBatches(2))[0]).toEqual(epochs[2]);
    expect(Array.from(fresh.order(1))).toEqual(epochs[1]);
    expect(fresh.epoch).toBe(0);
  });

  it('saves and restores its state mid-epoch, resuming the exact order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 9 }),
        fc.nat(),
        fc.integer({ min: 0, max: 40 }),
        (n, batchSize, seed, stopAfter) => {
          const make = () => new DataLoader(indexed(n), { batchSize, shuffle: true, seed });
          const reference = make();
          const uninterrupted = [...ids(reference), ...ids(reference), ...ids(reference)];
          // Run, stop after `stopAfter` batches, checkpoint through JSON, resume in a new loader.
          const first = make();
          const seen: number[][] = [];
          let taken = 0;
          outer: for (let epoch = 0; epoch < 3; epoch++) {
            for (const batch of first) {
              seen.push(Array.from(batch.y.data));
              if (++taken === stopAfter) break outer;
            }
          }
          const state = JSON.parse(JSON.stringify(first.getState()));
          const resumed = make();
          resumed.setState(state);
          while (seen.length < uninterrupted.length) seen.push(...ids(resumed));
          expect(seen).toEqual(uninterrupted);
        },
      ),
      { numRuns: runs(100) },
    );
  });

  it('advances its cursor as batches are handed out; a completed epoch points at the next', () => {
    const loader = new DataLoader(indexed(10), { batchSize: 4, shuffle: true, seed: 1 });
    const it = loader[Symbol.iterator]();
    expect(loader.getState()).toEqual({ epoch: 0, batch: 0 });
    it.next();
    expect(loader.getState()).toEqual({ epoch: 0, batch: 1 });
    it.next();
    it.next();
    expect(loader.getState()).toEqual({ epoch: 1, batch: 0 });
    expect(it.next().done).toBe(true);
    loader.setState({ epoch: 4, batch: 3 });
    expect(loader.getState()).toEqual({ epoch: 5, batch: 0 });
  });

  it('gathers labels of any shape and dtype with their rows', () => {
    const x = new Tensor(
      Float64Array.from({ length: 12 }, (_, i) => i),
      [6, 2],
    );
    const y = new Tensor(
      Float32Array.from({ length: 12 }, (_, i) => -i),
      [6, 1, 2],
    );
    const [batch] = new DataLoader({ x, y }, { batchSize: 6, shuffle: true, seed: 2 });
    expect(batch!.y.shape).toEqual([6, 1, 2]);
    expect(batch!.x.dtype).toBe('float64');
    for (let j = 0; j < 6; j++) expect(batch!.y.data[2 * j]).toBe(-batch!.x.data[2 * j]!);
  });

  it('mixes seed and epoch into unrelated generator seeds within [0, 2^53)', () => {
    const seeds = new Set<number>();
    for (let s = 0; s < 20; s++) {
      for (let e = 0; e < 20; e++) {
        const v = epochSeed(s, e);
        expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
        seeds.add(v);
      }
    }
    expect(seeds.size).toBe(400);
    expect(Number.isSafeInteger(epochSeed(2 ** 53 - 1, 2 ** 40))).toBe(true);
  });

  it('rejects bad options and data with typed errors naming the option', () => {
    const data = indexed(5);
    for (const batchSize of [0, -1, 2.5, Number.NaN, undefined]) {
      expect(() => new DataLoader(data, { batchSize: batchSize as number })).toThrow(
        /DataLoader: batchSize must be a positive integer/,
      );
    }
    expect(() => new DataLoader(data, { batchSize: 2, shuffle: true })).toThrow(
      /shuffle needs a seed/,
    );
    expect(() => new DataLoader(data, { batchSize: 2, seed: -4 })).toThrow(
      /seed must be an integer/,
    );
    expect(() => new DataLoader(data, { batchSize: 2, dropLast: 1 as unknown as boolean })).toThrow(
      /dropLast must be true or false/,
    );
    expect(() => new DataLoader(data, undefined as unknown as { batchSize: number })).toThrow(
      ArgumentError,
    );
    const bad = { x: data.x, y: new Tensor(new Int32Array(4), [4]) };
    expect(() => new DataLoader(bad, { batchSize: 2 })).toThrow(ShapeError);
    expect(() => new DataLoader({ x: [1] } as unknown as Dataset, { batchSize: 2 })).toThrow(
      ArgumentError,
    );
    const loader = new DataLoader(data, { batchSize: 2 });
    expect(() => loader.setState({ epoch: -1, batch: 0 })).toThrow(/state.epoch/);
    expect(() => loader.setState({ epoch: 0, batch: 4 })).toThrow(/exceeds the 3 batches/);
  });
});
