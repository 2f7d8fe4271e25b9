// Loads the PyTorch reference values that scripts/make-fixtures.py wrote into test/fixtures/.
import { readFileSync } from 'node:fs';
import { type DType, Tensor, tensor } from '@nabla/tensor';

export interface EncodedTensor {
  dtype: DType;
  shape: number[];
  data: number[];
}

export interface ModelFixture {
  name: string;
  description: string;
  dtype: 'float32' | 'float64';
  keys: string[];
  stateDict: Record<string, EncodedTensor>;
  input: EncodedTensor;
  output: EncodedTensor;
  repr: string;
}

export interface ActivationFixture {
  name: string;
  options: Record<string, number | string>;
  dtype: 'float32' | 'float64';
  input: EncodedTensor;
  output: EncodedTensor;
  gradOutput: EncodedTensor;
  grad: EncodedTensor;
}

export interface NnFixtures {
  torch: string;
  models: ModelFixture[];
  activations: ActivationFixture[];
  gains: Record<string, number>;
  mixed: { tensors: Record<string, EncodedTensor>; metadata: Record<string, string> };
}

export const fixturePath = (name: string): string =>
  new URL(`./fixtures/${name}`, import.meta.url).pathname;

export const fixtures = JSON.parse(readFileSync(fixturePath('nn.json'), 'utf8')) as NnFixtures;

export function readFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(name)));
}

export function decode(e: EncodedTensor): Tensor {
  return tensor(e.data, { shape: e.shape, dtype: e.dtype });
}

export { Tensor };
