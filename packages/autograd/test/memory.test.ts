// Buffer recycling: the engine hands consumed gradients, released leaf gradients and freed
// intermediate activations back to @nabla/tensor's pool. Recycling must never change a value
// someone can still read.
import { bufferPoolStats, clearBufferPool, randn, type Tensor } from '@nabla/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import {
  linear,
  markIntermediate,
  mean,
  peekGrad,
  releaseGrad,
  tanh,
  type Variable,
  variable,
} from '../src/index.js';

function net(seed: number) {
  const w1 = variable(randn([16, 4], { seed }), { requiresGrad: true });
  const w2 = variable(randn([3, 16], { seed: seed + 1 }), { requiresGrad: true });
  const x = randn([32, 4], { seed: seed + 2 });
  return { w1, w2, x };
}

function step(n: ReturnType<typeof net>, mark: boolean): { loss: Variable; h: Variable } {
  const z = linear(n.x, n.w1);
  const h = tanh(z);
  if (mark) {
    markIntermediate(z);
    markIntermediate(h);
  }
  const loss = mean(linear(h, n.w2));
  loss.backward();
  return { loss, h };
}

const copy = (t: Tensor | null) => Array.from(t?.data ?? []);

describe('buffer recycling', () => {
  afterEach(() => clearBufferPool());

  it('a training loop reuses its gradient buffers and gets the same gradients', () => {
    const n = net(1);
    step(n, true);
    const first = [copy(peekGrad(n.w1)), copy(peekGrad(n.w2))];
    const buffers = [peekGrad(n.w1)!.data, peekGrad(n.w2)!.data];
    for (let i = 0; i < 3; i++) {
      releaseGrad(n.w1);
      releaseGrad(n.w2);
      expect(n.w1.grad).toBeNull();
      const before = bufferPoolStats();
      step(n, true);
      // Only the output layer's (unmarked) result is a new buffer.
      expect(bufferPoolStats().misses).toBe(before.misses + 1);
      expect([copy(peekGrad(n.w1)), copy(peekGrad(n.w2))]).toEqual(first);
    }
    // The released gradient buffers came back as the next gradients.
    expect(new Set([peekGrad(n.w1)!.data, peekGrad(n.w2)!.data])).toEqual(new Set(buffers));
  });

  it('a gradient read through .grad is never recycled', () => {
    const n = net(2);
    step(n, false);
    const seen = n.w1.grad!;
    const values = copy(seen);
    releaseGrad(n.w1);
    n.w1.data.data[0] = n.w1.data.data[0]! + 1;
    step(n, false);
    expect(n.w1.grad).not.toBe(seen);
    expect(copy(seen)).toEqual(values);
  });

  it('only marked activations are recycled after backward', () => {
    const n = net(3);
    const { h, loss } = step(n, false);
    const kept = copy(h.data);
    const lossValue = loss.item();
    const pooled = bufferPoolStats().pooledBytes;
    // Unmarked: still readable and unchanged after more steps.
    step(n, false);
    expect(copy(h.data)).toEqual(kept);
    expect(loss.item()).toBe(lossValue);
    // Marked: its buffer goes back to the pool once backward has freed the graph.
    const marked = step(n, true);
    expect(bufferPoolStats().pooledBytes).toBeGreaterThan(pooled);
    expect(marked.loss.item()).toBe(lossValue);
  });

  it('retainGraph keeps marked activations until the last backward', () => {
    const n = net(4);
    const h = tanh(linear(n.x, n.w1));
    markIntermediate(h);
    const values = copy(h.data);
    const loss = mean(linear(h, n.w2));
    loss.backward(undefined, { retainGraph: true });
    expect(copy(h.data)).toEqual(values);
    const g = copy(peekGrad(n.w1));
    releaseGrad(n.w1);
    loss.backward();
    expect(copy(peekGrad(n.w1))).toEqual(g);
  });
});
