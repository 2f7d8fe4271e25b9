// trainValSplit: sizes, a partition of the rows, seeded, stratified proportions.
import { ArgumentError, DTypeError, Tensor } from '@nabla/tensor';
import { runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { circles, type Dataset, trainValSplit } from '../src/index.js';

function labelled(labels: number[]): Dataset {
  const n = labels.length;
  return {
    x: new Tensor(
      Float32Array.from({ length: 2 * n }, (_, i) => Math.floor(i / 2)),
      [n, 2],
    ),
    y: new Tensor(Int32Array.from(labels), [n]),
  };
}

const count = (values: ArrayLike<number>, c: number) =>
  Array.from(values).filter((v) => v === c).length;

describe('trainValSplit', () => {
  it('partitions the rows: round(n·f) (1..n−1) to validation, the rest to training, rows intact', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 80 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.nat(),
        fc.boolean(),
        (labels, valFraction, seed, stratified) => {
          const data = labelled(labels);
          const n = labels.length;
          const split = trainValSplit(data, { valFraction, seed, stratified });
          const nVal = Math.min(n - 1, Math.max(1, Math.round(n * valFraction)));
          expect(split.val.x.shape).toEqual([nVal, 2]);
          expect(split.train.y.shape).toEqual([n - nVal]);
          const all = [...split.trainIndices, ...split.valIndices].sort((a, b) => a - b);
          expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
          // Rows keep their original order, and x travels with y.
          split.valIndices.forEach((row, j) => {
            expect(split.val.x.data[2 * j]).toBe(row);
            expect(split.val.y.data[j]).toBe(labels[row]);
          });
          expect(Array.from(split.trainIndices)).toEqual(
            [...split.trainIndices].sort((a, b) => a - b),
          );
        },
      ),
      { numRuns: runs(150) },
    );
  });

  it('is seeded: same seed, same split; another seed, another split', () => {
    const data = circles({ n: 200, seed: 1 });
    const a = trainValSplit(data, { valFraction: 0.25, seed: 5 });
    const b = trainValSplit(data, { valFraction: 0.25, seed: 5 });
    const c = trainValSplit(data, { valFraction: 0.25, seed: 6 });
    expect(a.valIndices).toEqual(b.valIndices);
    expect(a.valIndices).not.toEqual(c.valIndices);
  });

  it('stratified: each class’s validation share is within one sample of its ideal', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 200 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.nat(),
        (labels, valFraction, seed) => {
          const split = trainValSplit(labelled(labels), { valFraction, seed, stratified: true });
          const nVal = split.valIndices.length;
          for (let c = 0; c <= 4; c++) {
            const ideal = (count(labels, c) * nVal) / labels.length;
            expect(Math.abs(count(split.val.y.data, c) - ideal)).toBeLessThan(1);
          }
        },
      ),
      { numRuns: runs(150) },
    );
  });

  it('stratified keeps a rare class’s share exactly where plain random splitting may not', () => {
    const labels = [...new Array(90).fill(0), ...new Array(10).fill(1)];
    const split = trainValSplit(labelled(labels), { valFraction: 0.2, seed: 1, stratified: true });
    expect(count(split.val.y.data, 1)).toBe(2);
    expect(count(split.train.y.data, 1)).toBe(8);
  });

  it('rejects bad options with typed errors naming the option', () => {
    const data = labelled([0, 1, 0, 1]);
    for (const valFraction of [0, 1, -0.5, 1.5, Number.NaN, '0.2']) {
      expect(() => trainValSplit(data, { valFraction: valFraction as number, seed: 1 })).toThrow(
        /valFraction must be a number strictly between 0 and 1/,
      );
    }
    expect(() => trainValSplit(data, { valFraction: 0.5 })).toThrow(/needs \{ seed \}/);
    expect(() => trainValSplit(labelled([0]), { valFraction: 0.5, seed: 1 })).toThrow(
      /at least 2 samples/,
    );
    const regression = { x: data.x, y: new Tensor(new Float32Array(4), [4]) };
    expect(() =>
      trainValSplit(regression, { valFraction: 0.5, seed: 1, stratified: true }),
    ).toThrow(DTypeError);
    expect(() => trainValSplit(regression, { valFraction: 0.5, seed: 1 })).not.toThrow();
    expect(() => trainValSplit(data, undefined as unknown as { valFraction: number })).toThrow(
      ArgumentError,
    );
  });
});
