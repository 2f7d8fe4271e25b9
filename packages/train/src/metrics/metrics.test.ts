import { tensor } from '@nabla/tensor';
import { describe, expect, test } from 'vitest';
import { accuracy } from './accuracy.js';
import { confusionMatrix } from './confusion-matrix.js';
import type { Metric, MetricValue } from './metric.js';
import { mae, mse } from './regression.js';
import { topKAccuracy } from './top-k-accuracy.js';

const logits = tensor([
  [2, 1, 0], // predicts 0
  [0, 3, 1], // predicts 1
  [1, 1, 0], // a tie between 0 and 1: the first, 0
  [0, 0, 5], // predicts 2
]);
const labels = tensor([0, 2, 1, 2], { dtype: 'int32' });

describe('accuracy', () => {
  test('multi-class: argmax of [N, C] logits against class indices', () => {
    const m = accuracy();
    m.update(logits, labels);
    expect(m.result()).toBe(0.5);
    expect(m.name).toBe('accuracy');
  });

  test('accumulates over batches and resets', () => {
    const m = accuracy();
    m.update(logits, labels);
    m.update(tensor([[0, 1, 0]]), tensor([1], { dtype: 'int32' }));
    expect(m.result()).toBe(3 / 5);
    m.reset();
    expect(m.result()).toBeNaN();
  });

  test('one-hot targets are read by their argmax', () => {
    const m = accuracy();
    m.update(
      logits,
      tensor([
        [1, 0, 0],
        [0, 0, 1],
        [0, 1, 0],
        [0, 0, 1],
      ]),
    );
    expect(m.result()).toBe(0.5);
  });

  test('binary: one logit column, class 1 above the threshold 0', () => {
    const m = accuracy();
    const out = tensor([[2], [-1], [0], [0.5]]);
    m.update(out, tensor([1, 0, 1, 1], { dtype: 'int32' }));
    // 0 is not above 0: predicted 0, so the third is wrong.
    expect(m.result()).toBe(0.75);
    const flat = accuracy();
    flat.update(tensor([2, -1, 0, 0.5]), tensor([1, 0, 0, 1])); // float 0/1 labels, [N] logits
    expect(flat.result()).toBe(1);
    const shifted = accuracy({ threshold: 1 });
    shifted.update(out, tensor([1, 0, 0, 0]));
    expect(shifted.result()).toBe(1);
  });

  test('shape mismatches name the metric and the shapes', () => {
    const m = accuracy();
    expect(() => m.update(logits, tensor([0, 1], { dtype: 'int32' }))).toThrow(
      /accuracy: output and target disagree on the batch size: 4 rows against target \[2\]/,
    );
    expect(() => m.update(tensor([[[1]]]), labels)).toThrow(/expects outputs \[N, C\]/);
  });
});

test('topKAccuracy: a hit when fewer than k classes score higher (ties favour the target)', () => {
  const top1 = topKAccuracy({ k: 1 });
  top1.update(logits, labels);
  // Row 2's target 1 ties with class 0 at the top: nothing is strictly higher, so it counts.
  expect(top1.result()).toBe(0.75);
  const top2 = topKAccuracy({ k: 2 });
  top2.update(logits, labels);
  expect(top2.result()).toBe(1);
  expect(top2.name).toBe('top2Accuracy');
  expect(() => topKAccuracy({ k: 0 })).toThrow(/k must be a positive integer/);
  expect(() => top2.update(tensor([[1], [2]]), tensor([0, 1]))).toThrow(/needs class logits/);
});

test('confusionMatrix: rows are the true classes, columns the predictions', () => {
  const m = confusionMatrix({ numClasses: 3 });
  m.update(logits, labels);
  expect(m.result()).toEqual([
    [1, 0, 0],
    [1, 0, 0],
    [0, 1, 1],
  ]);
  const binary = confusionMatrix({ numClasses: 2 });
  binary.update(tensor([[1], [-1], [3]]), tensor([1, 1, 0], { dtype: 'int32' }));
  expect(binary.result()).toEqual([
    [0, 1],
    [1, 1],
  ]);
  expect(() => m.update(logits, tensor([0, 1, 7, 2], { dtype: 'int32' }))).toThrow(
    /target 2 is 7, not a class in 0..2/,
  );
  expect(() => m.update(tensor([[1, 2]]), tensor([0], { dtype: 'int32' }))).toThrow(
    /outputs have 2 classes, numClasses is 3/,
  );
});

test('mse and mae over every element; [N, 1] outputs against [N] targets', () => {
  const out = tensor([[1], [2], [4]]);
  const y = tensor([1, 0, 1]);
  const a = mse();
  a.update(out, y);
  expect(a.result()).toBe((0 + 4 + 9) / 3);
  const b = mae();
  b.update(out, y);
  expect(b.result()).toBe((0 + 2 + 3) / 3);
  expect(() => a.update(tensor([1, 2]), tensor([1, 2, 3]))).toThrow(/must hold the same values/);
});

test('every built-in metric saves and restores its running sums', () => {
  const make: (() => Metric<MetricValue>)[] = [
    () => accuracy(),
    () => topKAccuracy({ k: 2 }),
    () => confusionMatrix({ numClasses: 3 }),
    () => mse(),
    () => mae(),
  ];
  for (const f of make) {
    const a = f();
    a.update(logits, a.name === 'mse' || a.name === 'mae' ? logits : labels);
    const b = f();
    b.setState!(JSON.parse(JSON.stringify(a.getState!())));
    expect(b.result()).toEqual(a.result());
    expect(() => b.setState!([1])).toThrow(/setState: expects/);
  }
});
