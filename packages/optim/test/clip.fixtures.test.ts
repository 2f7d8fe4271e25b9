// Gradient clipping against PyTorch's clip_grad_norm_ and clip_grad_value_.
import { variable } from '@nabla/autograd';
import { ArgumentError, Tensor } from '@nabla/tensor';
import { expectAllClose } from '@nabla/testkit';
import { describe, expect, it } from 'vitest';
import { clipGradNorm, clipGradValue } from '../src/index.js';
import { type ClipFixtures, num, readFixture } from './fixtures.js';

const fixtures = readFixture<ClipFixtures>('clip.json');

function paramsWithGrads(shapes: number[][], grads: number[][]) {
  return shapes.map((shape, i) => {
    const p = variable(new Tensor(new Float64Array(grads[i]!.length), shape), {
      requiresGrad: true,
    });
    p.grad = new Tensor(Float64Array.from(grads[i]!), shape);
    return p;
  });
}

describe('clipGradNorm matches PyTorch', () => {
  for (const c of fixtures.norm) {
    it(`${c.name}: maxNorm ${c.maxNorm}, normType ${c.normType}`, () => {
      const params = paramsWithGrads(c.shapes, c.grads);
      const total = clipGradNorm(params, c.maxNorm, { normType: num(c.normType) });
      expectAllClose(total, num(c.totalNorm), { rtol: 1e-10, atol: 0 });
      params.forEach((p, i) => {
        expectAllClose(p.grad!.data, c.clipped[i]!, { rtol: 1e-10, atol: 1e-15 });
      });
    });
  }
});

describe('clipGradValue matches PyTorch', () => {
  for (const c of fixtures.value) {
    it(`clipValue ${c.clipValue}`, () => {
      const params = paramsWithGrads(c.shapes, c.grads);
      clipGradValue(params, c.clipValue);
      params.forEach((p, i) => {
        expectAllClose(p.grad!.data, c.clipped[i]!, { rtol: 1e-11, atol: 0 });
        expect(Math.max(...Array.from(p.grad!.data, Math.abs))).toBeLessThanOrEqual(c.clipValue);
      });
    });
  }
});

describe('clipping edge cases', () => {
  it('returns 0 when no parameter has a gradient', () => {
    const p = variable([1, 2], { requiresGrad: true, dtype: 'float64' });
    expect(clipGradNorm([p], 1)).toBe(0);
    expect(p.grad).toBeNull();
  });

  it('leaves gradients under the limit as they are', () => {
    const [p] = paramsWithGrads([[2]], [[0.3, -0.4]]);
    expect(clipGradNorm(p!, 1)).toBeCloseTo(0.5, 15);
    expect(Array.from(p!.grad!.data)).toEqual([0.3, -0.4]);
  });

  it('spreads a non-finite norm as NaN, or throws with errorIfNonfinite', () => {
    const [p] = paramsWithGrads([[2]], [[Number.POSITIVE_INFINITY, 1]]);
    expect(() => clipGradNorm([p!], 1, { errorIfNonfinite: true })).toThrow(ArgumentError);
    expect(Array.from(p!.grad!.data)).toEqual([Number.POSITIVE_INFINITY, 1]);
    expect(clipGradNorm([p!], 1)).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(p!.grad!.data[0])).toBe(true);
  });

  it('rejects bad arguments by name', () => {
    const ps = paramsWithGrads([[1]], [[1]]);
    expect(() => clipGradNorm(ps, -1)).toThrow(/maxNorm must be a finite number >= 0, got -1/);
    expect(() => clipGradNorm(ps, 1, { normType: 0 })).toThrow(/normType must be a number > 0/);
    expect(() => clipGradValue(ps, Number.NaN)).toThrow(/clipValue .* got NaN/);
    expect(() => clipGradValue([1] as never, 1)).toThrow(/params\[0\] must be a Variable/);
  });
});
