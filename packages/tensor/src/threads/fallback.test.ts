// Where threads are unavailable (no SharedArrayBuffer on a page that is not cross-origin
// isolated, a browser's main thread), asking for more threads changes nothing but the setting:
// products run on one thread and give the same results.
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  getNumThreads,
  jsKernels,
  matmul,
  randn,
  setKernels,
  setNumThreads,
  threadsAvailable,
  threadsReady,
  wasmKernels,
} from '../index.js';

vi.mock('./available.js', () => ({ threadsAvailable: () => false }));

describe('without threads', () => {
  afterAll(() => {
    setNumThreads(1);
    setKernels(jsKernels);
  });

  it('runs every product on one thread, with the same results', async () => {
    const backend = wasmKernels({ relaxed: false })!;
    setKernels(backend);
    const a = randn([128, 300], { seed: 3 });
    const b = randn([300, 64], { seed: 4 });
    const alone = matmul(a, b);
    setNumThreads(2);
    expect(threadsAvailable()).toBe(false);
    expect(getNumThreads()).toBe(2);
    expect(await threadsReady()).toBe(1);
    expect(Array.from(matmul(a, b).data)).toEqual(Array.from(alone.data));
  });

  it('resolves threadsReady to 1 with the TypeScript kernels', async () => {
    setKernels(jsKernels);
    setNumThreads(2);
    expect(await threadsReady()).toBe(1);
  });
});
