// The hand-over between the calling thread and a helper, on the kernels module itself: a job
// that traps is reported (and the helper keeps serving), a good one completes.
import { afterAll, describe, expect, it } from 'vitest';
import { type GemmArgs, KernelInstance } from '../kernels/wasm/instance.js';
import { HelperFailure, HelperPool } from './pool.js';

describe('HelperPool', () => {
  const instance = new KernelInstance(false, true);
  const pool = new HelperPool(instance);
  afterAll(() => pool.stop());

  it('reports a job that threw, keeps serving, and runs the next one', async () => {
    expect(pool.ready()).toBe(0);
    expect(await pool.start(1)).toBe(1);
    expect(pool.ready()).toBe(1);
    // A 2×3·3×2 product with every operand beyond the end of memory: the helper's gemm traps.
    const far = 2 ** 31 - 4096;
    const bad: GemmArgs = [far, far, far, 2, 3, 2, 0, 0, 0, far, far, 64, 3, 128, 0, 2, 0, 2];
    expect(() => pool.wait(0, pool.post(0, bad), 5000)).toThrow(HelperFailure);

    // The same product in bounds: A = [[1,2,3],[4,5,6]], B = ones(3×2).
    const view = instance.reserve(1 << 16);
    view.set([1, 2, 3, 4, 5, 6], 1024 >> 2);
    view.set([1, 1, 1, 1, 1, 1], 2048 >> 2);
    const good: GemmArgs = [
      1024, 2048, 4096, 2, 3, 2, 0, 0, 0, 8192, 16384, 64, 3, 128, 0, 2, 0, 2,
    ];
    pool.wait(0, pool.post(0, good), 5000);
    expect(Array.from(instance.reserve(1 << 16).subarray(4096 >> 2, (4096 >> 2) + 4))).toEqual([
      6, 6, 15, 15,
    ]);
  });

  it('forgets its helpers on stop, and starts afresh', async () => {
    pool.stop();
    expect(pool.ready()).toBe(0);
    expect(await pool.start(2)).toBe(2);
  });
});
