import type { ActivationName } from '@nabla/nn';

/** --activation values: kebab-case on the command line, @nabla/nn's names inside. */
const BY_FLAG: Record<string, ActivationName> = {
  relu: 'relu',
  'leaky-relu': 'leakyRelu',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  gelu: 'gelu',
  identity: 'identity',
};

export const ACTIVATION_FLAGS = Object.keys(BY_FLAG);

export function activationFromFlag(flag: string): ActivationName {
  return BY_FLAG[flag] ?? 'relu';
}
