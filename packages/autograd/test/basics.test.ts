import { NablaError, ShapeError, tensor } from '@nabla/tensor';
import { expectAllClose } from '@nabla/testkit';
import { describe, expect, it } from 'vitest';
import { add, linear, matmul, mean, mul, noGrad, relu, sum, tanh, variable } from '../src/index.js';

describe('Variable and backward', () => {
  it('backpropagates through a two-layer network', () => {
    const x = variable([[1, 2]], { dtype: 'float64' });
    const w1 = variable(
      [
        [0.5, -1],
        [2, 0.25],
      ],
      { requiresGrad: true, dtype: 'float64' },
    );
    const b1 = variable([0.1, -0.2], { requiresGrad: true, dtype: 'float64' });
    const w2 = variable([[1, -1]], { requiresGrad: true, dtype: 'float64' });
    const h = relu(add(matmul(x, w1, { transposeB: true }), b1));
    const y = linear(h, w2);
    const loss = mean(mul(y, y));
    loss.backward();
    // h = relu([0.5-2+0.1, 2+0.5-0.2]) = [0, 2.3]; y = -2.3; loss = 5.29; dy = -4.6
    expect(loss.item()).toBeCloseTo(5.29, 12);
    expectAllClose(w2.grad!, [[0, -4.6 * 2.3]]);
    expectAllClose(b1.grad!, [0, 4.6]);
    expectAllClose(w1.grad!, [
      [0, 0],
      [4.6, 9.2],
    ]);
    expect(x.grad).toBeNull();
  });

  it('accumulates across backward calls until cleared', () => {
    const x = variable([1, 2, 3], { requiresGrad: true, dtype: 'float64' });
    sum(mul(x, x)).backward();
    sum(mul(x, x)).backward();
    expectAllClose(x.grad!, [4, 8, 12]);
    x.grad = null;
    sum(x).backward();
    expectAllClose(x.grad!, [1, 1, 1]);
  });

  it('records nothing inside noGrad', () => {
    const x = variable([1, 2], { requiresGrad: true });
    const y = noGrad(() => tanh(x));
    expect(y.requiresGrad).toBe(false);
    expect(y.node).toBeNull();
  });

  it('frees the graph after backward', () => {
    const x = variable([1, 2], { requiresGrad: true });
    const y = sum(tanh(x));
    y.backward();
    expect(() => y.backward()).toThrow(NablaError);
    expect(() => y.backward()).toThrow(/'sum'.*retainGraph/);
  });

  it('requires a gradient for non-scalar outputs', () => {
    const x = variable([1, 2], { requiresGrad: true });
    expect(() => tanh(x).backward()).toThrow(ShapeError);
    expect(() => tanh(x).backward(tensor([1, 2, 3]))).toThrow(ShapeError);
  });

  it('walks a chain of 100,000 ops without overflowing the stack', () => {
    const x = variable([1], { requiresGrad: true, dtype: 'float64' });
    let y = x;
    for (let i = 0; i < 100_000; i++) y = add(y, 1);
    sum(y).backward();
    expectAllClose(x.grad!, [1]);
  });
});
