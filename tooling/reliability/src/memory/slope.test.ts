import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leastSquaresSlope, secondHalfSlope } from './slope.js';

describe('leastSquaresSlope', () => {
  it('recovers the slope of a line exactly, and moves by no more than the slope of alternating noise', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.integer({ min: 2, max: 60 }),
        (slope, intercept, n) => {
          const line = Array.from({ length: n }, (_, at) => ({ at, kib: intercept + slope * at }));
          const tolerance = 1e-9 * (Math.abs(slope) + Math.abs(intercept) + 1);
          expect(Math.abs(leastSquaresSlope(line) - slope)).toBeLessThanOrEqual(tolerance);
          // Alternating ±5 noise has a least-squares slope of −30/(n²−1) for even n and 0 for
          // odd n (its pairs cancel), so the slope moves by no more than that.
          const noisy = line.map((p, i) => ({ at: p.at, kib: p.kib + (i % 2 === 0 ? 5 : -5) }));
          const bound = 30 / (n * n - 1) + tolerance;
          expect(Math.abs(leastSquaresSlope(noisy) - slope)).toBeLessThanOrEqual(bound);
        },
      ),
    );
  });

  it('secondHalfSlope ignores a warm-up jump in the first half', () => {
    const points = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((at) => ({
      at,
      kib: (at < 3 ? 100 * at : 300) + 2 * at,
    }));
    expect(secondHalfSlope(points)).toBeCloseTo(2, 12);
    expect(() => leastSquaresSlope([{ at: 1, kib: 1 }])).toThrow(/at least 2 points/);
  });
});
