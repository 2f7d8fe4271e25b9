import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readableNumber } from './format.js';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
/** Away from float64's largest value, where a rounded-up number is no longer representable. */
const inRange = fc.double({ min: -1e300, max: 1e300, noNaN: true });

describe('readableNumber', () => {
  test('is within half a unit of the 4th significant digit', () => {
    fc.assert(
      fc.property(inRange, (x) => {
        const y = Number(readableNumber(x));
        expect(Math.abs(y - x)).toBeLessThanOrEqual(Math.abs(x) * 5.0001e-4);
      }),
    );
  });

  test('shows at most 4 significant digits', () => {
    fc.assert(
      fc.property(finite, (x) => {
        const mantissa = readableNumber(x).replace(/^-/, '').replace(/e.*$/, '').replace('.', '');
        expect(mantissa.replace(/^0+/, '').replace(/0+$/, '').length).toBeLessThanOrEqual(4);
      }),
    );
  });

  test('leaves a number of 4 significant digits or fewer as it is', () => {
    fc.assert(
      fc.property(inRange, (x) => {
        const short = Number(x.toPrecision(4));
        expect(Number(readableNumber(short))).toBe(short);
      }),
    );
  });

  test('examples', () => {
    expect(readableNumber(0.123456789012)).toBe('0.1235');
    expect(readableNumber(0.5)).toBe('0.5');
    expect(readableNumber(0)).toBe('0');
    expect(readableNumber(1.23456e-7)).toBe('1.235e-7');
    expect(readableNumber(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(readableNumber(-Number.MAX_VALUE)).toBe('-1.798e+308');
  });
});
