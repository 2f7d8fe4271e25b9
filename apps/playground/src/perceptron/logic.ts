// The Perceptron view's computations: Rosenblatt's rule from @nabla/nn, recorded update by
// update for the animation, and the fix for XOR: one hidden layer, trained by gradient descent.
import { noGrad } from '@nabla/autograd';
import { type Dataset, linear, xor } from '@nabla/datasets';
import { binaryCrossEntropyWithLogits } from '@nabla/losses';
import { mlp, Perceptron, type PerceptronUpdate } from '@nabla/nn';
import { Adam } from '@nabla/optim';
import { Tensor } from '@nabla/tensor';
import { gridPoints } from '../classify/grid';
import type { PerceptronDataset } from '../state/options';

export const PERCEPTRON_POINTS = 60;
export const MAX_EPOCHS = 30;
/** Updates kept for the animation; XOR would otherwise make hundreds a second forever. */
export const MAX_UPDATES = 600;

export interface PerceptronRun {
  points: Float32Array;
  targets: Float32Array;
  updates: PerceptronUpdate[];
  converged: boolean;
  epochs: number;
  totalUpdates: number;
}

/**
 * The separable set is @nabla/datasets' `linear`, moved by (2, 2): centred on the origin it is
 * split by a line through the origin, which the first update finds; off-centre, the bias has to
 * be learnt too, and the line visibly walks into place over a few epochs.
 */
export const LINEAR_SHIFT = 2;

export function perceptronData(dataset: PerceptronDataset, seed: number): Dataset {
  if (dataset === 'xor') return xor({ n: PERCEPTRON_POINTS, noise: 0, seed });
  const { x, y } = linear({ n: PERCEPTRON_POINTS, noise: 0, seed });
  const shifted = Float32Array.from(x.data, (v) => v + LINEAR_SHIFT);
  return { x: new Tensor(shifted, x.shape), y };
}

export function runPerceptron(dataset: PerceptronDataset, seed: number): PerceptronRun {
  const data = perceptronData(dataset, seed);
  const targets = Float32Array.from(data.y.data);
  const updates: PerceptronUpdate[] = [];
  const result = new Perceptron(2, { dtype: 'float64' }).fit(data.x, data.y, {
    maxEpochs: MAX_EPOCHS,
    onUpdate: (u) => {
      if (updates.length < MAX_UPDATES) updates.push(u);
    },
  });
  return {
    points: Float32Array.from(data.x.data),
    targets,
    updates,
    converged: result.converged,
    epochs: result.epochs,
    totalUpdates: result.updates,
  };
}

export interface HiddenLayerSolution {
  /** P(class 1) − … as 2p − 1 over the plane, `size`² values. */
  output: Float32Array;
  size: number;
  accuracy: number;
  hiddenUnits: number;
}

/**
 * What the perceptron cannot do, a hidden layer can: a 2-4-1 tanh network trained with Adam on
 * binary cross-entropy over the same points separates XOR.
 */
export function solveWithHiddenLayer(
  dataset: PerceptronDataset,
  seed: number,
  size = 64,
): HiddenLayerSolution {
  const data = perceptronData(dataset, seed);
  const hiddenUnits = 4;
  const model = mlp([2, hiddenUnits, 1], { activation: 'tanh', seed });
  const x = data.x;
  const y = new Tensor(Float32Array.from(data.y.data), [data.y.shape[0]!, 1]);
  const optimizer = new Adam(model.parameters(), { lr: 0.05 });
  for (let step = 0; step < 400; step++) {
    optimizer.zeroGrad();
    binaryCrossEntropyWithLogits(model.forward(x), y).backward();
    optimizer.step();
  }
  return noGrad(() => {
    const z = model.forward(new Tensor(gridPoints(size), [size * size, 2])).data.data;
    const output = Float32Array.from(z, (v) => 2 / (1 + Math.exp(-v)) - 1);
    const logits = model.forward(x).data.data;
    let correct = 0;
    for (let i = 0; i < logits.length; i++)
      correct += Number((logits[i]! >= 0 ? 1 : 0) === y.data[i]);
    return { output, size, accuracy: correct / logits.length, hiddenUnits };
  });
}
