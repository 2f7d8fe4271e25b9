// The public surface of @nabla/nn, named export by export. File-system helpers (saveModel,
// loadModel) live in the separate entry point @nabla/nn/node.

export { SafetensorsError, StateDictError, type StateDictProblem } from './errors.js';
export {
  findNonFinite,
  firstNonFinite,
  type NonFiniteValue,
  NonFiniteWeightError,
} from './finite.js';
export type {
  InitTarget,
  KaimingOptions,
  Nonlinearity,
  NormalInitOptions,
  SeedOptions,
  UniformInitOptions,
  XavierOptions,
} from './init.js';
export * as init from './init.js';
export {
  type AxisOptions,
  GELU,
  type GELUOptions,
  LeakyReLU,
  type LeakyReLUOptions,
  LogSoftmax,
  ReLU,
  Sigmoid,
  Softmax,
  Tanh,
} from './layers/activations.js';
export { Dropout, type DropoutOptions } from './layers/dropout.js';
export { Linear, type LinearOptions } from './layers/linear.js';
export { Sequential } from './layers/sequential.js';
export { Flatten, type FlattenOptions, Identity } from './layers/shape.js';
export { type ActivationName, type MlpOptions, mlp } from './mlp.js';
export {
  asVariable,
  type Input,
  type LoadStateDictOptions,
  type LoadStateDictResult,
  Module,
} from './module.js';
export {
  Perceptron,
  type PerceptronFitOptions,
  type PerceptronFitResult,
  type PerceptronOptions,
  type PerceptronUpdate,
} from './perceptron.js';
export {
  type FromSafetensorsOptions,
  fromSafetensors,
  MAX_HEADER_BYTES,
  type SafetensorsContents,
} from './safetensors/read.js';
export { toSafetensors } from './safetensors/write.js';
export type { Metadata, StateDict, StateDictLike } from './state-dict.js';
