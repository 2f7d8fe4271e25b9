import { ArgumentError } from '@nabla/tensor';
import { describe, expect, it } from 'vitest';
import { circles, moons, multiGaussian, xor } from '../src/index.js';

describe('toy sets refuse options they do not know', () => {
  it.each([
    ['moons', () => moons({ size: 10, seed: 0 } as never), /moons: unknown option size/],
    ['circles', () => circles({ seed: 0, noiseLevel: 0.1 } as never), /unknown option noiseLevel/],
    ['multiGaussian', () => multiGaussian({ seed: 0, count: 3 } as never), /unknown option count/],
  ])('%s names the unknown option and the known ones', (_name, make, message) => {
    expect(make).toThrow(ArgumentError);
    expect(make).toThrow(message);
    expect(make).toThrow(/known: n, noise, shuffle, seed, generator/);
  });

  it('still takes every documented option', () => {
    expect(xor({ n: 10, noise: 0.1, shuffle: false, seed: 1 }).x.shape).toEqual([10, 2]);
  });
});
