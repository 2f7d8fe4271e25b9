import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { arange, reshape, tensor, zeros } from './index.js';

describe('toString', () => {
  it('prints small tensors like PyTorch, with aligned columns', () => {
    expect(
      tensor([
        [1, 2],
        [3, 4],
      ]).toString(),
    ).toBe('tensor([[1., 2.],\n        [3., 4.]])');
    expect(
      tensor([
        [1.5, -2],
        [3, 4.25],
      ]).toString(),
    ).toBe('tensor([[ 1.5000, -2.0000],\n        [ 3.0000,  4.2500]])');
  });

  it('names dtypes other than float32 and prints int32 without a point', () => {
    expect(tensor([1, 2], { dtype: 'float64' }).toString()).toBe('tensor([1., 2.], dtype=float64)');
    expect(tensor(3, { dtype: 'int32' }).toString()).toBe('tensor(3, dtype=int32)');
    expect(reshape(arange(8, undefined, 1, { dtype: 'int32' }), [2, 2, 2]).toString()).toBe(
      'tensor([[[0, 1],\n         [2, 3]],\n\n        [[4, 5],\n         [6, 7]]], dtype=int32)',
    );
  });

  it('switches to scientific notation for very large or small magnitudes', () => {
    expect(tensor([1.5, -2.25, 1e-5]).toString()).toBe(
      'tensor([ 1.5000e+00, -2.2500e+00,  1.0000e-05])',
    );
    expect(tensor([1e10, 1]).toString()).toBe('tensor([1.0000e+10, 1.0000e+00])');
  });

  it('prints special values and the sign of zero', () => {
    expect(tensor([Number.NaN, Number.POSITIVE_INFINITY, -1]).toString()).toBe(
      'tensor([nan, inf, -1.])',
    );
    expect(tensor([-0, 1]).toString()).toBe('tensor([-0.,  1.])');
    expect(tensor(3.5).toString()).toBe('tensor(3.5000)');
  });

  it('prints empty tensors with their shape', () => {
    expect(zeros([2, 0], { dtype: 'int32' }).toString()).toBe(
      'tensor([], shape=[2, 0], dtype=int32)',
    );
    expect(zeros([0]).toString()).toBe('tensor([], shape=[0])');
  });

  it('summarises tensors over 1000 elements with their shape', () => {
    expect(arange(1001).toString()).toBe(
      'tensor([   0.,    1.,    2., ...,  998.,  999., 1000.], shape=[1001])',
    );
    expect(reshape(arange(2000, undefined, 1, { dtype: 'float64' }), [40, 50]).toString()).toBe(
      [
        'tensor([[   0.,    1.,    2., ...,   47.,   48.,   49.],',
        '        [  50.,   51.,   52., ...,   97.,   98.,   99.],',
        '        [ 100.,  101.,  102., ...,  147.,  148.,  149.],',
        '        ...,',
        '        [1850., 1851., 1852., ..., 1897., 1898., 1899.],',
        '        [1900., 1901., 1902., ..., 1947., 1948., 1949.],',
        '        [1950., 1951., 1952., ..., 1997., 1998., 1999.]], shape=[40, 50], dtype=float64)',
      ].join('\n'),
    );
    // A thousand elements exactly are printed in full.
    expect(arange(1000).toString()).not.toContain('...');
  });

  it('summarised 3-D tensors put blank lines between blocks', () => {
    const s = reshape(arange(3000, undefined, 1, { dtype: 'int32' }), [10, 10, 30]).toString();
    expect(s.startsWith('tensor([[[   0,    1,    2, ...,   27,   28,   29],\n')).toBe(true);
    expect(s).toContain('  899]],\n\n        ...,\n\n        [[2100, 2101,');
    expect(s.endsWith('2999]]], shape=[10, 10, 30], dtype=int32)')).toBe(true);
    // Six blocks of seven lines, the `...` line, and a blank line in each of the six gaps.
    expect(s.split('\n')).toHaveLength(6 * 7 + 1 + 6);
  });

  it('is what Node prints for console.log', () => {
    const t = tensor([1, 2]);
    expect(inspect(t)).toBe(t.toString());
    expect(`${t}`).toBe('tensor([1., 2.])');
  });
});
