import assert from 'node:assert/strict';
import { matmul, randn, ShapeError, sum, tensor } from '@nabla/tensor';

const a = tensor(
  [
    [1, 2],
    [3, 4],
  ],
  { dtype: 'float64' },
);
assert.deepEqual(matmul(a, a, { transposeB: true }).toArray(), [
  [5, 11],
  [11, 25],
]);
assert.deepEqual(sum(a, { axis: 1, keepDims: true }).toArray(), [[3], [7]]);
assert.deepEqual(randn([3], { seed: 1 }).toArray(), randn([3], { seed: 1 }).toArray());
assert.throws(() => matmul(tensor([[1, 2, 3]]), a), ShapeError);
console.log('@nabla/tensor ok');
