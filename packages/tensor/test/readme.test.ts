// The README's examples, run: what it shows must stay true.
import { describe, expect, it } from 'vitest';
import {
  add,
  argmax,
  concat,
  Generator,
  getNumThreads,
  jsKernels,
  type Kernels,
  kernels,
  matmul,
  mean,
  rand,
  randint,
  randn,
  reshape,
  ShapeError,
  setKernels,
  setNumThreads,
  softmax,
  sum,
  tensor,
  threadsReady,
  wasmKernels,
  zeros,
} from '../src/index.js';

describe('README', () => {
  it('the tour', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(x.dtype).toBe('float32');
    expect(tensor([1, 2, 3, 4], { shape: [2, 2], dtype: 'float64' }).shape).toEqual([2, 2]);
    expect(add(x, tensor([10, 20, 30])).shape).toEqual([2, 3]);
    expect(sum(x).item()).toBe(21);
    expect(sum(x, { axis: 1, keepDims: true }).shape).toEqual([2, 1]);
    expect(mean(x, { axis: [0, 1] }).item()).toBe(3.5);
    expect(argmax(x, { axis: 1 }).toArray()).toEqual([2, 2]);
    expect(softmax(x, { axis: -1 }).shape).toEqual([2, 3]);
    const w = randn([4, 3], { seed: 7 });
    expect(matmul(x, w, { transposeB: true }).shape).toEqual([2, 4]);
    expect(matmul(zeros([5, 1, 2, 3]), zeros([4, 3, 6])).shape).toEqual([5, 4, 2, 6]);
    expect(reshape(x, [3, -1]).data).toBe(x.data);
    expect(concat([x, x], { axis: 0 }).shape).toEqual([4, 3]);
    expect(String(x)).toBe('tensor([[1., 2., 3.],\n        [4., 5., 6.]])');
  });

  it('random numbers', () => {
    expect(randn([2, 3], { seed: 7, dtype: 'float64' }).data).toEqual(
      randn([2, 3], { seed: 7, dtype: 'float64' }).data,
    );
    const g = new Generator(42);
    rand([3], { generator: g });
    const saved = g.getState();
    const next = randint(0, 10, [3], { generator: g });
    g.setState(JSON.parse(JSON.stringify(saved)));
    expect(randint(0, 10, [3], { generator: g }).data).toEqual(next.data);
  });

  it('errors', () => {
    let caught: unknown;
    try {
      matmul(zeros([2, 3]), zeros([4, 5]));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ShapeError);
    expect((caught as ShapeError).message).toBe(
      'matmul: inner dimensions differ ([2,3] @ [4,5]): 3 vs 4; the last axis of a must match the first matrix axis of b',
    );
  });

  it('the kernel seam', () => {
    const fast: Kernels = { ...jsKernels, name: 'simd', matmul: jsKernels.matmul };
    const previous = setKernels(fast);
    expect(kernels()).toBe(fast);
    setKernels(previous);
    expect(kernels()).toBe(previous);
    expect(previous.name).toMatch(/^wasm/);
  });

  it('threads', async () => {
    const previous = setKernels(wasmKernels({ relaxed: false })!);
    try {
      setNumThreads(2);
      expect(await threadsReady()).toBe(2);
      const a = randn([128, 784], { seed: 1 });
      const b = randn([784, 256], { seed: 2 });
      const shared = matmul(a, b);
      expect(getNumThreads()).toBe(2);
      setNumThreads(1);
      expect(Array.from(matmul(a, b).data)).toEqual(Array.from(shared.data));
    } finally {
      setNumThreads(1);
      setKernels(previous);
    }
  });
});
