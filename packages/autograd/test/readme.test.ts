// The README's examples, run: what it shows must stay true.
import { tensor } from '@nabla/tensor';
import { expectAllClose } from '@nabla/testkit';
import { describe, expect, it } from 'vitest';
import {
  add,
  grad,
  gradcheck,
  gradgradcheck,
  hessian,
  hvp,
  linear,
  logSoftmax,
  matmul,
  mean,
  mul,
  relu,
  sub,
  sum,
  type Variable,
  valueAndGrad,
  variable,
} from '../src/index.js';

describe('README', () => {
  it('a two-layer network, by hand', () => {
    const x = variable([[1], [2]], { dtype: 'float64' });
    const t = variable([[1]], { dtype: 'float64' });
    const W1 = variable(
      [
        [0.5, -1],
        [2, 0.25],
      ],
      { requiresGrad: true, dtype: 'float64' },
    );
    const b1 = variable([[0.1], [-0.2]], { requiresGrad: true, dtype: 'float64' });
    const W2 = variable([[1, -1]], { requiresGrad: true, dtype: 'float64' });
    const b2 = variable([[0.3]], { requiresGrad: true, dtype: 'float64' });

    const h = relu(add(matmul(W1, x), b1));
    const y = add(matmul(W2, h), b2);
    const diff = sub(y, t);
    const loss = sum(mul(diff, diff));
    expectAllClose(h.data, [[0], [2.3]]);
    expectAllClose(y.data, [[-2]]);
    expect(loss.item()).toBeCloseTo(9, 12);

    loss.backward();
    expectAllClose(W2.grad!, [[0, -13.8]]);
    expectAllClose(b2.grad!, [[-6]]);
    expectAllClose(b1.grad!, [[0], [6]]);
    expectAllClose(W1.grad!, [
      [0, 0],
      [6, 12],
    ]);
    expect(x.grad).toBeNull();
    expect(y.op).toBe('add');
    expect(h.op).toBe('relu');

    const batch = variable(
      [
        [1, 2],
        [0, -1],
        [3, 1],
      ],
      { dtype: 'float64' },
    );
    const out = linear(relu(linear(batch, W1, b1.reshape([2]))), W2, b2.reshape([1]));
    expect(out.shape).toEqual([3, 1]);
    mean(out.mul(out)).backward();
    expect(W1.grad!.shape).toEqual([2, 2]);
  });

  it('checking gradients', () => {
    const x = variable(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { requiresGrad: true, dtype: 'float64' },
    );
    const w = variable(
      [
        [0.1, 0.2, 0.3],
        [-0.4, 0.5, -0.6],
      ],
      { requiresGrad: true, dtype: 'float64' },
    );
    const f = (x: Variable, w: Variable) =>
      logSoftmax(matmul(x, w, { transposeB: true }), { axis: 1 });
    const report = gradcheck(f, [x, w]);
    expect(report.ok).toBe(true);
    expect(report.maxAbsError).toBeLessThan(1e-8);
    expect(gradgradcheck(f, [x, w]).ok).toBe(true);
  });

  it('higher-order gradients', () => {
    const A = tensor(
      [
        [2, 1],
        [0, 3],
      ],
      { dtype: 'float64' },
    );
    const f = (x: Variable) => sum(mul(x, matmul(A, x)));
    const x0 = tensor([1, -1], { dtype: 'float64' });
    expectAllClose(grad(f)(x0).data, [3, -5]);
    const [value, g] = valueAndGrad(f)(x0);
    expect(value.item()).toBe(4);
    expectAllClose(g.data, [3, -5]);
    expectAllClose(hessian(f, x0), [
      [4, 1],
      [1, 6],
    ]);
    expectAllClose(hvp(f, x0, tensor([1, 0], { dtype: 'float64' })), [4, 1]);
    expectAllClose(grad((x) => sum(grad(f)(x)))(x0).data, [5, 7]);

    const xv = variable(x0, { requiresGrad: true });
    f(xv).backward(undefined, { createGraph: true });
    expect(xv.gradVariable!.requiresGrad).toBe(true);
    expectAllClose(xv.grad!, [3, -5]);
  });
});
