// The Classify view's network and objective, built from @nabla/nn and @nabla/losses.
import { sigmoid, Variable } from '@nabla/autograd';
import { binaryCrossEntropyWithLogits, l2Penalty, mseLoss } from '@nabla/losses';
import { type ActivationName, Dropout, Linear, mlp, type Sequential } from '@nabla/nn';
import type { Tensor } from '@nabla/tensor';
import type { ClassifyState } from '../state/app-state';
import type { Activation } from '../state/options';

const ACTIVATION: Record<Activation, ActivationName> = {
  relu: 'relu',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  linear: 'identity',
};

/** Inputs → hidden layers → one output unit (a logit, or the regression value). */
export function buildNetwork(state: ClassifyState, seed: number): Sequential {
  return mlp([state.features.length, ...state.layers, 1], {
    activation: ACTIVATION[state.activation],
    dropout: state.dropout,
    seed,
  });
}

/** The network's Linear layers in order: the links of the diagram. */
export function linears(model: Sequential): Linear[] {
  return [...model].filter((m): m is Linear => m instanceof Linear);
}

/**
 * The objective trained on: the data loss plus λ·½Σw² over the weights (not the biases), the
 * lecture's L2 regularisation. `target` is [n, 1] float.
 */
export function objective(
  state: ClassifyState,
  model: Sequential,
  output: Variable,
  target: Tensor,
): Variable {
  const data = dataLoss(state, output, target);
  if (state.l2 === 0) return data;
  const weights = linears(model).map((l) => l.weight);
  return data.add(l2Penalty(weights).mul(state.l2));
}

/** The loss the charts show: binary cross-entropy or squared error, without the penalty. */
export function dataLoss(state: ClassifyState, output: Variable, target: Tensor): Variable {
  if (state.problem === 'regression') return mseLoss(output, target);
  if (state.loss === 'bce') return binaryCrossEntropyWithLogits(output, target);
  return mseLoss(sigmoid(output), target);
}

/**
 * The network's layers for a batch of inputs: each hidden layer's activations ([n, units],
 * after its activation function) and the output ([n, 1]). Call in eval mode inside noGrad.
 */
export function layerOutputs(
  model: Sequential,
  input: Tensor,
): { hidden: Tensor[]; output: Tensor } {
  const hidden: Tensor[] = [];
  const modules = [...model];
  let x: Variable | Tensor = input;
  modules.forEach((m, i) => {
    const y = m.forward(x);
    // An activation ends a hidden layer (a Dropout after it changes nothing in eval mode).
    if (i < modules.length - 1 && !(m instanceof Linear) && !(m instanceof Dropout)) {
      hidden.push(y.data);
    }
    x = y;
  });
  return { hidden, output: x instanceof Variable ? x.data : x };
}
