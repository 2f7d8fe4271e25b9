import { afterEach, describe, expect, it } from 'vitest';
import {
  add,
  allocate,
  allocateUninitialized,
  bufferPoolStats,
  clearBufferPool,
  release,
  Tensor,
  tensor,
} from './index.js';

describe('the buffer pool', () => {
  afterEach(() => clearBufferPool());

  it('hands a released buffer to the next request of its dtype and length', () => {
    const t = new Tensor(new Float32Array(100), [10, 10]);
    release(t);
    expect(bufferPoolStats().pooledBytes).toBe(400);
    expect(allocateUninitialized('float32', 100)).toBe(t.data);
    expect(bufferPoolStats().pooledBytes).toBe(0);
    // Another length or dtype does not take it.
    release(t);
    expect(allocateUninitialized('float32', 99)).not.toBe(t.data);
    expect(allocateUninitialized('float64', 100)).not.toBe(t.data);
  });

  it('allocate clears a recycled buffer; op results may come from the pool', () => {
    const data = new Float64Array(50).fill(7);
    release(data);
    const zeroed = allocate('float64', 50);
    expect(zeroed).toBe(data);
    expect(Array.from(zeroed).every((v) => v === 0)).toBe(true);
    const a = tensor(Array.from({ length: 50 }, (_, i) => i));
    const b = tensor(Array.from({ length: 50 }, () => 1));
    const first = add(a, b);
    release(first);
    const second = add(a, b);
    expect(second.data).toBe(first.data);
    expect(second.data[49]).toBe(50);
  });

  it('ignores a second release, small buffers and views into a larger buffer', () => {
    const data = new Float32Array(64);
    release(data);
    release(data);
    expect(bufferPoolStats().pooledBytes).toBe(256);
    expect(allocateUninitialized('float32', 64)).toBe(data);
    expect(allocateUninitialized('float32', 64)).not.toBe(data);
    release(new Float32Array(4));
    release(new Float32Array(128).subarray(0, 64));
    expect(bufferPoolStats().pooledBytes).toBe(0);
  });
});
