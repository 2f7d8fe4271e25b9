import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extent, formatNumber, niceTicks } from './scale';

describe('chart scales', () => {
  it('extent skips non-finite values and widens a single value', () => {
    expect(extent([3, Number.NaN, 1, Infinity])).toEqual({ min: 1, max: 3 });
    expect(extent([2, 2])).toEqual({ min: 1.8, max: 2.2 });
    expect(extent([])).toBeNull();
  });

  it('ticks are round, ascending and inside the range', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        (min, width) => {
          // Ticks are printed to 12 significant digits: ranges narrower than that are not charts.
          fc.pre(width > Math.abs(min) * 1e-6);
          const max = min + width;
          const ticks = niceTicks(min, max, 5);
          expect(ticks.length).toBeGreaterThanOrEqual(1);
          expect(ticks.length).toBeLessThanOrEqual(12);
          for (let i = 1; i < ticks.length; i++) expect(ticks[i]!).toBeGreaterThan(ticks[i - 1]!);
          for (const t of ticks) {
            expect(t).toBeGreaterThanOrEqual(min - width * 1e-6);
            expect(t).toBeLessThanOrEqual(max + width * 1e-6);
          }
        },
      ),
    );
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('formats numbers briefly', () => {
    expect(formatNumber(0.123456)).toBe('0.123');
    expect(formatNumber(12345)).toBe('1.2e+4');
    expect(formatNumber(0)).toBe('0');
  });
});
