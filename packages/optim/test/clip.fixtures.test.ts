// Gradient clipping against PyTorch's clip_grad_norm_ and clip_grad_value_.
import { variable } from '@nabla/autograd';
import { Tensor } from '@nabla/tensor';
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
