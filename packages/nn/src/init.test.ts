import { Variable } from '@nabla/autograd';
import { Generator, type Tensor, zeros } from '@nabla/tensor';
import { describe, expect, it } from 'vitest';
import {
  calculateGain,
  computeFans,
  constant,
  kaimingNormal,
  kaimingUniform,
  normal,
  uniform,
  xavierNormal,
  xavierUniform,
} from './init.js';

function stats(t: Tensor): { mean: number; std: number; min: number; max: number } {
  const v = Array.from(t.data);
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
  return { mean, std, min: Math.min(...v), max: Math.max(...v) };
}

const big = (dtype: 'float32' | 'float64' = 'float64') => zeros([200, 300], { dtype });

describe('init', () => {
  it('computes fans like PyTorch', () => {
    expect(computeFans([10, 20])).toEqual({ fanIn: 20, fanOut: 10 });
    expect(computeFans([8, 4, 3, 3])).toEqual({ fanIn: 36, fanOut: 72 });
    expect(() => computeFans([5])).toThrow(/at least 2 dimensions/);
  });

  it('gives the gains of torch.nn.init.calculate_gain', () => {
    expect(calculateGain('tanh')).toBe(5 / 3);
    expect(calculateGain('relu')).toBe(Math.SQRT2);
    expect(calculateGain('leakyRelu', 0)).toBe(Math.SQRT2);
    expect(calculateGain('selu')).toBe(0.75);
    expect(() => calculateGain('swish' as 'relu')).toThrow(/unknown nonlinearity/);
  });

  it('uniform and normal fill in place with the requested distribution', () => {
    const t = big();
    expect(uniform(t, { a: -2, b: 3, seed: 1 })).toBe(t);
    const u = stats(t);
    expect(u.min).toBeGreaterThanOrEqual(-2);
    expect(u.max).toBeLessThan(3);
    expect(u.mean).toBeCloseTo(0.5, 1);
    const n = stats(normal(big(), { mean: 1, std: 0.5, seed: 2 }));
    expect(n.mean).toBeCloseTo(1, 2);
    expect(n.std).toBeCloseTo(0.5, 2);
    expect(stats(constant(big(), 0.25)).max).toBe(0.25);
  });

  it('xavier and kaiming have the documented spread (fan-in/fan-out, gains)', () => {
    // [200, 300]: fanIn 300, fanOut 200.
    expect(stats(xavierUniform(big(), { seed: 3 })).max).toBeLessThanOrEqual(Math.sqrt(6 / 500));
    expect(stats(xavierNormal(big(), { gain: 2, seed: 4 })).std).toBeCloseTo(
      2 * Math.sqrt(2 / 500),
      3,
    );
    const ku = stats(kaimingUniform(big(), { nonlinearity: 'relu', seed: 5 }));
    expect(ku.std).toBeCloseTo(Math.SQRT2 / Math.sqrt(300), 3);
    expect(ku.max).toBeLessThanOrEqual(Math.SQRT2 * Math.sqrt(3 / 300));
    expect(stats(kaimingNormal(big(), { mode: 'fanOut', seed: 6 })).std).toBeCloseTo(
      Math.SQRT2 / Math.sqrt(200),
      3,
    );
    // PyTorch's Linear default: kaiming_uniform with a = √5 gives the bound 1/√fanIn.
    expect(stats(kaimingUniform(big(), { a: Math.sqrt(5), seed: 7 })).max).toBeLessThanOrEqual(
      1 / Math.sqrt(300),
    );
  });

  it('is reproducible from a seed, advances a generator, fills Variables, keeps float32', () => {
    expect(normal(big(), { seed: 8 }).toArray()).toEqual(normal(big(), { seed: 8 }).toArray());
    const g = new Generator(9);
    expect(normal(big(), { generator: g }).toArray()).not.toEqual(
      normal(big(), { generator: g }).toArray(),
    );
    const v = new Variable(zeros([3, 4]), true);
    expect(xavierUniform(v, { seed: 1 })).toBe(v);
    expect(v.data.data.some((x) => x !== 0)).toBe(true);
    expect(uniform(big('float32'), { seed: 1 }).dtype).toBe('float32');
  });

  it('requires explicit randomness and valid arguments', () => {
    expect(() => uniform(big(), {})).toThrow(/seed.*generator|explicit/);
    expect(() => uniform(big(), { a: 1, b: 0, seed: 1 })).toThrow(/a <= b/);
    expect(() => kaimingNormal(zeros([3, 0]), { seed: 1 })).toThrow(/fanIn = 0/);
    expect(() => kaimingNormal(big(), { mode: 'both' as 'fanIn', seed: 1 })).toThrow(/mode/);
    expect(() => normal(zeros([2], { dtype: 'int32' }), { seed: 1 })).toThrow(/int32/);
    expect(() => uniform({} as Tensor, { seed: 1 })).toThrow(/Tensor or a Variable/);
  });
});
