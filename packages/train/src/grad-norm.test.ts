import { variable } from '@nabla/autograd';
import { expect, test } from 'vitest';
import { globalGradNorm } from './grad-norm.js';

test('the L2 norm of all gradients as one vector; parameters without one count as zero', () => {
  const a = variable([1, 2], { requiresGrad: true });
  const b = variable([[3]], { requiresGrad: true, dtype: 'float64' });
  const c = variable([5], { requiresGrad: true });
  a.sum().mul(3).backward(); // grad [3, 3]
  b.sum().mul(4).backward(); // grad [[4]]
  expect(globalGradNorm([a, b, c])).toBe(Math.sqrt(9 + 9 + 16));
  expect(globalGradNorm([c])).toBe(0);
  expect(globalGradNorm([])).toBe(0);
});
