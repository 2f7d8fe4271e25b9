import type { Variable } from '@nabla/autograd';
import { crossEntropy } from '@nabla/losses';
import { Linear, ReLU, Sequential } from '@nabla/nn';
import { Adam } from '@nabla/optim';
import { Tensor } from '@nabla/tensor';
import { CLASSES, fillBatch, type MnistData, PIXELS } from '../../data.js';
import type { Workloads } from '../../workloads.js';

/**
 * The MNIST MLP and one training step through the public API: minibatch assembly (rows copied
 * by the batch order into one reused input tensor), forward, softmax cross-entropy, backward,
 * Adam. Returns the step function.
 */
export function mnistTrainer(data: MnistData, w: Workloads['mnist']): () => Variable {
  const sizes = [PIXELS, ...w.hidden, CLASSES];
  const layers = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    if (i > 0) layers.push(new ReLU());
    layers.push(new Linear(sizes[i]!, sizes[i + 1]!, { seed: i + 1 }));
  }
  const model = new Sequential(...layers);
  const optimizer = new Adam(model.parameters(), { lr: w.lr });
  const xb = new Float32Array(w.batch * PIXELS);
  const yb = new Int32Array(w.batch);
  const x = new Tensor(xb, [w.batch, PIXELS]);
  const y = new Tensor(yb, [w.batch]);
  let step = 0;
  return () => {
    fillBatch(data, step++, w.batch, xb, yb);
    optimizer.zeroGrad();
    const loss = crossEntropy(model.forward(x), y);
    loss.backward();
    optimizer.step();
    return loss;
  };
}
