import { ArgumentError, type FloatDType, Generator } from '@nabla/tensor';
import { GELU, LeakyReLU, ReLU, Sigmoid, Tanh } from './layers/activations.js';
import { Dropout } from './layers/dropout.js';
import { Linear } from './layers/linear.js';
import { Sequential } from './layers/sequential.js';
import { Identity } from './layers/shape.js';
import type { Module } from './module.js';

/** Hidden activations `mlp` knows by name. */
export type ActivationName = 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid' | 'gelu' | 'identity';

export interface MlpOptions {
  /** The hidden layers' activation: a name (default `'relu'`) or a function making a fresh module. */
  activation?: ActivationName | (() => Module);
  /** Dropout probability after each hidden activation; 0 (default) adds no Dropout modules. */
  dropout?: number;
  /** Parameter dtype, default float32. */
  dtype?: FloatDType;
  /** Seed of the initialisation and the dropout masks, default 0. */
  seed?: number;
  /** A generator to draw from instead of `seed`. */
  generator?: Generator;
  /** Give every Linear a bias (default true). */
  bias?: boolean;
}

const ACTIVATIONS: Record<ActivationName, () => Module> = {
  relu: () => new ReLU(),
  leakyRelu: () => new LeakyReLU(),
  tanh: () => new Tanh(),
  sigmoid: () => new Sigmoid(),
  gelu: () => new GELU(),
  identity: () => new Identity(),
};

/**
 * A multi-layer perceptron as a `Sequential`: `mlp([784, 256, 128, 10])` is
 *
 * ```
 * Linear(784, 256), ReLU, Linear(256, 128), ReLU, Linear(128, 10)
 * ```
 *
 * with a `Dropout` after each hidden activation when `dropout` > 0, and no activation after the
 * last layer: it outputs logits, for `crossEntropy` (or `mseLoss` for regression). The layers
 * are PyTorch's, so the state-dict keys are those of the same `nn.Sequential` (`0.weight`,
 * `2.weight`, `4.weight`, or `0`, `3`, `6` with dropout). All layers draw their initial values
 * from one generator, in order, so they differ from each other and the model is reproducible;
 * the dropout layers are seeded from it afterwards, so adding dropout does not change the init.
 */
export function mlp(sizes: readonly number[], options: MlpOptions = {}): Sequential {
  const op = 'mlp';
  if (!Array.isArray(sizes) || sizes.length < 2) {
    throw new ArgumentError(op, 'needs at least two layer sizes: [inputs, ..., outputs]');
  }
  for (const n of sizes) {
    if (!Number.isInteger(n) || n < 1) {
      throw new ArgumentError(
        op,
        `layer sizes must be positive integers, got [${sizes.join(', ')}]`,
      );
    }
  }
  const dropout = options.dropout ?? 0;
  if (typeof dropout !== 'number' || !(dropout >= 0 && dropout < 1)) {
    throw new ArgumentError(op, `dropout must be a probability in [0, 1), got ${String(dropout)}`);
  }
  if (options.seed !== undefined && options.generator !== undefined) {
    throw new ArgumentError(op, 'give either seed or generator, not both');
  }
  const activation = options.activation ?? 'relu';
  let makeActivation: () => Module;
  if (typeof activation === 'function') makeActivation = activation;
  else if (Object.hasOwn(ACTIVATIONS, activation)) makeActivation = ACTIVATIONS[activation];
  else {
    throw new ArgumentError(
      op,
      `unknown activation ${JSON.stringify(activation)}; use ${Object.keys(ACTIVATIONS).join(', ')} or a function returning a Module`,
    );
  }

  const generator = options.generator ?? new Generator(options.seed ?? 0);
  const linears = sizes
    .slice(1)
    .map(
      (out, i) =>
        new Linear(sizes[i]!, out, { dtype: options.dtype, bias: options.bias, generator }),
    );
  // Every Linear is built (and has drawn its initial values) before any dropout seed is drawn.
  const layers: Module[] = [];
  linears.forEach((layer, i) => {
    layers.push(layer);
    if (i === linears.length - 1) return;
    layers.push(makeActivation());
    if (dropout > 0) layers.push(new Dropout(dropout, { seed: generator.nextUint32() }));
  });
  return new Sequential(...layers);
}
