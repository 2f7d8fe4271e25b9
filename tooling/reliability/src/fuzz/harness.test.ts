// The fuzz harness catches what it promises to catch: each broken promise, made on purpose by
// the worker's 'harness-check' target, is reported as that failure and not as anything else.
import { describe, expect, it } from 'vitest';
import { minimise } from './minimise.js';
import { FuzzWorker, type Outcome } from './pool.js';

const input = (first: number, rest = '') =>
  new Uint8Array([first, ...new TextEncoder().encode(rest)]);

describe('the fuzz harness', () => {
  it('tells results, typed and untyped errors, hangs, aborts and pollution apart', async () => {
    const worker = new FuzzWorker(1_000);
    try {
      const outcomes = async (inputs: Uint8Array[]): Promise<Outcome[]> =>
        (await worker.run('harness-check', inputs)).map((r) => r.outcome);
      // A hang and an abort each cost the worker; the inputs around them still run.
      expect(await outcomes([input(0), input(1), input(7), input(2), input(4), input(0)])).toEqual([
        'result',
        'hang',
        'typed',
        'crash',
        'untyped',
        'result',
      ]);
      expect(await outcomes([input(6, 'harmless'), input(6, '__proto__')])).toEqual([
        'result',
        'polluted',
      ]);
      // Pollution of Object.prototype stays for the worker's life: run last.
      expect(await outcomes([input(3)])).toEqual(['polluted']);
    } finally {
      await worker.close();
    }
  });

  it('measures what an input holds outside the heap', async () => {
    const worker = new FuzzWorker(5_000);
    try {
      const [small, large] = await worker.run('harness-check', [input(0), input(5)]);
      expect(small!.external).toBeLessThan(2 ** 20);
      expect(large!.external).toBeGreaterThanOrEqual(8 * 2 ** 24);
    } finally {
      await worker.close();
    }
  });

  it('minimises a failing input to the bytes that matter', async () => {
    const failing = new Uint8Array([9, 9, 4, 9, 9, 9, 9, 9]);
    const fails = async (candidate: Uint8Array) => candidate.includes(4);
    expect(Array.from(await minimise(failing, undefined, fails))).toEqual([4]);
  });
});
