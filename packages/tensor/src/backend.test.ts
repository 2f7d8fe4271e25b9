import { afterEach, describe, expect, it } from 'vitest';
import {
  add,
  jsKernels,
  type Kernels,
  kernels,
  matmul,
  setKernels,
  sum,
  tensor,
  wasmFeatures,
  wasmKernels,
} from './index.js';

describe('the kernel seam', () => {
  afterEach(() => {
    setKernels(jsKernels);
  });

  it('uses the fastest kernels the runtime supports by default', () => {
    // These tests run with relaxed SIMD enabled (see vitest.config.ts).
    expect(wasmFeatures().relaxedSimd).toBe(true);
    expect(kernels().name).toBe('wasm-relaxed-simd');
    expect(kernels()).toBe(wasmKernels());
    expect(wasmKernels({ relaxed: false })?.name).toBe('wasm-simd');
    // Everything but the matrix product is the TypeScript kernels'.
    expect(kernels().binary).toBe(jsKernels.binary);
  });

  it('setKernels swaps the backend every op calls and returns the previous one', () => {
    const calls: string[] = [];
    const spy: Kernels = {
      ...jsKernels,
      name: 'spy',
      matmul: (args) => {
        calls.push(`matmul ${args.m}x${args.k}x${args.n}`);
        jsKernels.matmul(args);
      },
      binary: {
        ...jsKernels.binary,
        add: (...args) => {
          calls.push('add');
          jsKernels.binary.add(...args);
        },
      },
      reduce: {
        ...jsKernels.reduce,
        sum: (...args) => {
          calls.push('sum');
          jsKernels.reduce.sum(...args);
        },
      },
    };
    setKernels(jsKernels);
    expect(setKernels(spy)).toBe(jsKernels);
    expect(kernels().name).toBe('spy');
    const out = matmul(tensor([[1, 2]]), tensor([[3], [4]]));
    expect(out.item()).toBe(11);
    expect(add(tensor([1]), 1).item()).toBe(2);
    expect(sum(tensor([1, 2])).item()).toBe(3);
    expect(calls).toEqual(['matmul 1x2x1', 'add', 'sum']);
    expect(setKernels(jsKernels)).toBe(spy);
  });
});
