import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diverging, INVALID, NEGATIVE, NEUTRAL, POSITIVE, paintValues, sequential } from './colors';

describe('heatmap colours', () => {
  it('map −1, 0 and 1 to the Playground colours, and clamp beyond', () => {
    expect(diverging(-1)).toEqual(NEGATIVE);
    expect(diverging(0)).toEqual(NEUTRAL);
    expect(diverging(1)).toEqual(POSITIVE);
    expect(diverging(-7)).toEqual(NEGATIVE);
    expect(diverging(Infinity)).toEqual(POSITIVE);
    expect(diverging(Number.NaN)).toEqual(INVALID);
  });

  it('move monotonically towards the end colour as |v| grows', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a < b ? [a, b] : [b, a];
          // Blue's red channel falls from neutral to positive; orange's blue channel falls too.
          expect(diverging(hi)[0]).toBeLessThanOrEqual(diverging(lo)[0]);
          expect(diverging(-hi)[2]).toBeLessThanOrEqual(diverging(-lo)[2]);
        },
      ),
    );
  });

  it('are symmetric in meaning: the sign alone picks the hue', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 1, noNaN: true }), (v) => {
        const [r, , b] = diverging(v);
        const [r2, , b2] = diverging(-v);
        expect(b).toBeGreaterThan(r);
        expect(r2).toBeGreaterThan(b2);
      }),
    );
  });

  it('sequential runs from dark to bright', () => {
    const lum = ([r, g, b]: readonly number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    for (let t = 0; t < 1; t += 0.05)
      expect(lum(sequential(t + 0.05))).toBeGreaterThan(lum(sequential(t)));
    expect(sequential(-1)).toEqual(sequential(0));
    expect(sequential(2)).toEqual(sequential(1));
  });

  it('paints RGBA pixels in order', () => {
    const pixels = new Uint8ClampedArray(8);
    paintValues(pixels, [-1, 1], diverging, 200);
    expect(Array.from(pixels)).toEqual([...NEGATIVE, 200, ...POSITIVE, 200]);
  });
});
