import assert from 'node:assert/strict';
import { gradcheck, hessian, matmul, relu, sum, variable } from '@nabla/autograd';

// The lecture's two-layer network: h = relu(x W1ᵀ), y = sum(h W2ᵀ); gradients by backward().
const x = variable([[1, -2, 0.5]], { dtype: 'float64' });
const w1 = variable(
  [
    [0.1, 0.2, -0.3],
    [0.4, -0.5, 0.6],
  ],
  { requiresGrad: true, dtype: 'float64' },
);
const w2 = variable([[1, -1]], { requiresGrad: true, dtype: 'float64' });
const y = sum(matmul(relu(matmul(x, w1, { transposeB: true })), w2, { transposeB: true }));
y.backward();
assert.equal(w2.grad.toArray()[0].length, 2);
assert.equal(x.grad, null);

const report = gradcheck(
  (a, b) => sum(relu(matmul(a, b))),
  [
    variable(
      [
        [0.3, -0.7],
        [1.2, 0.4],
      ],
      { requiresGrad: true, dtype: 'float64' },
    ),
    variable([[0.5], [-0.25]], { requiresGrad: true, dtype: 'float64' }),
  ],
);
assert.equal(report.ok, true);

// The Hessian of xᵀAx is A + Aᵀ.
const a = variable(
  [
    [1, 2],
    [3, 4],
  ],
  { dtype: 'float64' },
);
const h = hessian(
  (v) => sum(matmul(matmul(v, a), v, { transposeB: true })),
  variable([[0.5, -1]], { dtype: 'float64' }),
);
assert.deepEqual(h.shape, [1, 2, 1, 2]);
assert.deepEqual(h.toArray().flat(3), [2, 5, 5, 8]);
console.log('@nabla/autograd ok');
