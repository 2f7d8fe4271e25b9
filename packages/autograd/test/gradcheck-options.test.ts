import { ArgumentError, ones } from '@nabla/tensor';
import { describe, expect, it } from 'vitest';
import { gradcheck, sum } from '../src/index.js';

const x = () => [ones([2], { dtype: 'float64' })];

describe('gradcheck options', () => {
  it.each([0, -1e-6, Number.NaN, Number.POSITIVE_INFINITY])('refuses eps %s by name', (eps) => {
    expect(() => gradcheck((v) => sum(v), x(), { eps })).toThrow(ArgumentError);
    expect(() => gradcheck((v) => sum(v), x(), { eps })).toThrow(
      /gradcheck: eps must be a finite number > 0/,
    );
  });

  it.each([
    ['atol', { atol: -1 }],
    ['rtol', { rtol: Number.NaN }],
  ] as const)('refuses a bad %s by name', (name, options) => {
    expect(() => gradcheck((v) => sum(v), x(), options)).toThrow(
      new RegExp(`gradcheck: ${name} must be a finite number >= 0`),
    );
  });

  it('accepts a zero tolerance', () => {
    expect(gradcheck((v) => sum(v), x(), { rtol: 0 }).ok).toBe(true);
  });
});
