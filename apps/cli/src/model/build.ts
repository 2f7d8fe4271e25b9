// The MLP an architecture describes. It is mlp() from @nabla/nn, layer for layer and draw for
// draw (same state-dict keys, same initial weights for the same seed), built here by hand for
// one reason: the Dropout layers must draw their masks from generators the CLI holds, so that
// a checkpoint can save their state and a resumed run draws the same masks. mlp() seeds
// private generators instead.
import {
  type ActivationName,
  Dropout,
  GELU,
  Identity,
  LeakyReLU,
  Linear,
  type Module,
  ReLU,
  Sequential,
  Sigmoid,
  Tanh,
} from '@nabla/nn';
import { Generator } from '@nabla/tensor';
import type { Architecture } from './spec.js';

const ACTIVATION_MODULES: Record<ActivationName, () => Module> = {
  relu: () => new ReLU(),
  leakyRelu: () => new LeakyReLU(),
  tanh: () => new Tanh(),
  sigmoid: () => new Sigmoid(),
  gelu: () => new GELU(),
  identity: () => new Identity(),
};

export interface BuiltModel {
  readonly model: Sequential;
  /** The dropout layers' generators, in layer order (for checkpoints). */
  readonly generators: Generator[];
}

export function buildModel(architecture: Architecture, seed: number): BuiltModel {
  const { sizes, activation, dropout } = architecture;
  const generator = new Generator(seed);
  // Every Linear draws its initial values before any dropout seed is drawn, as in mlp().
  const linears = sizes.slice(1).map((out, i) => new Linear(sizes[i]!, out, { generator }));
  const layers: Module[] = [];
  const generators: Generator[] = [];
  linears.forEach((layer, i) => {
    layers.push(layer);
    if (i === linears.length - 1) return;
    layers.push(ACTIVATION_MODULES[activation]());
    if (dropout > 0) {
      const g = new Generator(generator.nextUint32());
      generators.push(g);
      layers.push(new Dropout(dropout, { generator: g }));
    }
  });
  return { model: new Sequential(...layers), generators };
}

/** "784 → 256 → 128 → 10, relu, dropout 0.2". */
export function describeArchitecture(architecture: Architecture): string {
  const { sizes, activation, dropout } = architecture;
  const parts = [sizes.join(' → ')];
  if (sizes.length > 2) parts.push(activation);
  if (dropout > 0 && sizes.length > 2) parts.push(`dropout ${dropout}`);
  return parts.join(', ');
}
