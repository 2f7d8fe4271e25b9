import { describe, expect, it } from 'vitest';
import { contourLevels, contourSegments, logShade } from './contours';

describe('contours', () => {
  it('marching squares puts a circle’s contour on the circle', () => {
    const size = 41;
    const values = new Float64Array(size * size);
    for (let r = 0; r < size; r++)
      for (let c = 0; c < size; c++) values[r * size + c] = Math.hypot(r - 20, c - 20);
    const seg = contourSegments(values, size, 10);
    expect(seg.length).toBeGreaterThan(40);
    for (let i = 0; i < seg.length; i += 2) {
      expect(Math.abs(Math.hypot(seg[i + 1]! - 20, seg[i]! - 20) - 10)).toBeLessThan(0.1);
    }
  });

  it('levels lie strictly inside the range, denser near the minimum', () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i * i);
    const levels = contourLevels(values, 8);
    expect(levels).toHaveLength(8);
    for (const l of levels) expect(l > 0 && l < 99 * 99).toBe(true);
    expect(levels[1]! - levels[0]!).toBeLessThan(levels[7]! - levels[6]!);
  });

  it('shades from 0 at the minimum to 1 at the maximum', () => {
    const s = logShade([5, 6, 105, Number.NaN]);
    expect(s[0]).toBeCloseTo(0);
    expect(s[2]).toBeCloseTo(1);
    expect(s[1]!).toBeGreaterThan(0);
    expect(s[3]).toBe(1);
  });
});
