import { runs } from '@nabla/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitOutput } from './split.js';

const tile = { mr: 4, nr: 8 };

describe('splitOutput', () => {
  it('covers the output exactly once, in whole tiles, with at most one block per thread, whatever the lag', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (m, n, threads, lag) => {
          const blocks = splitOutput(m, n, tile, threads, lag);
          expect(blocks.length).toBeGreaterThanOrEqual(1);
          expect(blocks.length).toBeLessThanOrEqual(threads);
          const owner = new Int32Array(m * n);
          for (const b of blocks) {
            expect(b.rowStart % tile.mr).toBe(0);
            expect(b.colStart % tile.nr).toBe(0);
            expect(b.rowEnd === m || b.rowEnd % tile.mr === 0).toBe(true);
            expect(b.colEnd === n || b.colEnd % tile.nr === 0).toBe(true);
            expect(b.rowEnd).toBeGreaterThan(b.rowStart);
            expect(b.colEnd).toBeGreaterThan(b.colStart);
            for (let i = b.rowStart; i < b.rowEnd; i++) {
              for (let j = b.colStart; j < b.colEnd; j++) owner[i * n + j]!++;
            }
          }
          expect(owner.every((count) => count === 1)).toBe(true);
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('uses every thread while there are tiles to share, evenly to within one tile', () => {
    expect(splitOutput(128, 256, tile, 2)).toEqual([
      { rowStart: 0, rowEnd: 128, colStart: 0, colEnd: 128 },
      { rowStart: 0, rowEnd: 128, colStart: 128, colEnd: 256 },
    ]);
    // Taller than wide: split by rows, so B (the smaller operand here) is the one packed twice.
    expect(splitOutput(256, 8, tile, 2)).toEqual([
      { rowStart: 0, rowEnd: 128, colStart: 0, colEnd: 8 },
      { rowStart: 128, rowEnd: 256, colStart: 0, colEnd: 8 },
    ]);
    expect(splitOutput(3, 5, tile, 4)).toHaveLength(1);
    expect(splitOutput(100, 20, tile, 3).map((b) => b.rowEnd - b.rowStart)).toEqual([32, 32, 36]);
  });

  it('gives the caller less by what it starts late, at most half its share', () => {
    const widths = (lag: number) =>
      splitOutput(128, 256, tile, 2, lag).map((b) => (b.colEnd - b.colStart) / tile.nr);
    expect(widths(0)).toEqual([16, 16]);
    expect(widths(1 / 16)).toEqual([15, 17]); // a lag of two panels' time
    expect(widths(5)).toEqual([8, 24]);
  });
});
