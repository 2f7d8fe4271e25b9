import { binaryCrossEntropyWithLogits } from '@nabla/losses';
import { Linear, Sequential, Tanh } from '@nabla/nn';
import { SGD } from '@nabla/optim';
import { Tensor } from '@nabla/tensor';
import { tinyData } from '../../data.js';
import type { Workloads } from '../../workloads.js';

/** The 2-8-8-1 tanh network, sigmoid + BCE from logits, SGD: one step per call. */
export function tinyTrainer(w: Workloads['tiny']): () => void {
  const layers = [];
  for (let i = 0; i + 1 < w.sizes.length; i++) {
    if (i > 0) layers.push(new Tanh());
    layers.push(new Linear(w.sizes[i]!, w.sizes[i + 1]!, { seed: i + 1 }));
  }
  const model = new Sequential(...layers);
  const optimizer = new SGD(model.parameters(), { lr: w.lr });
  const { x, y } = tinyData(w.batch);
  const input = new Tensor(x, [w.batch, 2]);
  const target = new Tensor(y, [w.batch, 1]);
  return () => {
    optimizer.zeroGrad();
    binaryCrossEntropyWithLogits(model.forward(input), target).backward();
    optimizer.step();
  };
}
