// A tour of @nabla/tensor: creation, broadcasting, reductions, matmul and seeded randomness.
// Run it with `pnpm example` (README's first command builds the package first).
import { argmax, matmul, mean, randn, softmax, sub, sum, tensor, variance } from '@nabla/tensor';

const x = randn([4, 3], { seed: 7 });
console.log(`x: 4 samples, 3 features, drawn from N(0, 1) with seed 7\n${x}`);

const centred = sub(x, mean(x, { axis: 0, keepDims: true }));
console.log('\ncolumn means after centring (≈ 0):', mean(centred, { axis: 0 }).toArray());
console.log('column variances:', variance(x, { axis: 0 }).toArray());

const w = tensor([
  [0.5, -1, 2],
  [1, 0, -0.5],
]);
const logits = matmul(x, w, { transposeB: true }); // x · wᵀ, as a Linear layer computes it
console.log(`\nlogits = x · wᵀ\n${logits}`);

const probs = softmax(logits, { axis: 1 });
console.log(`\nsoftmax over classes\n${probs}`);
console.log('rows sum to', sum(probs, { axis: 1 }).toArray());
console.log('predicted classes:', argmax(probs, { axis: 1 }).toArray());
