// The hand-over between the calling thread and a helper, on the kernels module itself: a job
// that traps is reported (and the helper keeps serving), a good one completes.
import { afterAll, describe, expect, it } from 'vitest';
import { type GemmArgs, KernelInstance } from '../kernels/wasm/instance.js';
import { HelperFailure, HelperPool } from './pool.js';

describe('HelperPool', () => {
  const instance = new KernelInstance(false, true);
  const pool = new HelperPool(instance);
  afterAll(() => pool.stop());

  it('reports a job that threw, keeps serving, and runs the next one once A is in', async () => {
    expect(pool.ready()).toBe(0);
    expect(await pool.start(1)).toBe(1);
    expect(pool.ready()).toBe(1);
    // A 2×3·3×2 product with every operand beyond the end of memory: the helper's gemm traps.
    const far = 2 ** 31 - 4096;
    const bad: GemmArgs = [far, far, far, 2, 3, 2, 0, 0, 0, far, far, 64, 3, 128, 0, 2, 0, 2, 0];
    const failure = (fn: () => void) => {
      try {
        fn();
      } catch (error) {
        return error instanceof HelperFailure ? error.kind : error;
      }
      return 'no failure';
    };
    expect(failure(() => pool.wait(0, pool.post(0, bad), 5000))).toBe('threw');

    // The same product in bounds, A = [[1,2,3],[4,5,6]] times B = ones(3×2), posted before A is
    // in: the helper packs B, then waits for the flag at byte 512 before it reads A.
    const view = instance.reserve(1 << 16);
    view.set([1, 1, 1, 1, 1, 1], 2048 >> 2);
    const ints = instance.int32();
    Atomics.store(ints, 512 >> 2, 0);
    const good: GemmArgs = [
      1024, 2048, 4096, 2, 3, 2, 0, 0, 0, 8192, 16384, 64, 3, 128, 0, 2, 0, 2, 512,
    ];
    const job = pool.post(0, good);
    expect(failure(() => pool.wait(0, job, 30))).toBe('late');
    view.set([1, 2, 3, 4, 5, 6], 1024 >> 2);
    Atomics.store(ints, 512 >> 2, 1);
    Atomics.notify(ints, 512 >> 2);
    pool.wait(0, job, 5000);
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
