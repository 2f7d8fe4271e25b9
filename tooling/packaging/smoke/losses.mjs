import assert from 'node:assert/strict';
import { Variable } from '@nabla/autograd';
import { binaryCrossEntropyWithLogits, crossEntropy, l2Penalty, mseLoss } from '@nabla/losses';
import { ShapeError, tensor } from '@nabla/tensor';

// crossEntropy of logits [1, 2, 3] for class 2 is log(e + e² + e³) − 3.
const logits = new Variable(tensor([[1, 2, 3]], { dtype: 'float64' }), true);
const loss = crossEntropy(logits, tensor([2], { dtype: 'int32' }), { reduction: 'sum' });
const expected = Math.log(Math.E + Math.E ** 2 + Math.E ** 3) - 3;
assert.ok(Math.abs(loss.item() - expected) < 1e-12, `${loss.item()} vs ${expected}`);
loss.backward();
// The gradient is softmax − onehot: it sums to zero.
assert.ok(Math.abs(Array.from(logits.grad.data).reduce((a, b) => a + b, 0)) < 1e-12);

// Extreme logits stay finite.
const big = binaryCrossEntropyWithLogits(tensor([1e4, -1e4]), tensor([0, 1]), {
  reduction: 'none',
});
assert.deepEqual(big.toArray(), [1e4, 1e4]);

assert.equal(mseLoss(tensor([1, 2]), tensor([1, 4])).item(), 2);
assert.equal(l2Penalty([new Variable(tensor([3, 4]))]).item(), 12.5);
assert.throws(() => mseLoss(tensor([1, 2]), tensor([1, 2, 3])), ShapeError);
console.log('@nabla/losses ok');
