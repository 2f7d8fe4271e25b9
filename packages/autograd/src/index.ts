// The public surface of @nabla/autograd, named export by export.

export { type BackwardOptions, type GradientsOptions, gradients } from './engine.js';
export {
  type Differentiable,
  type GradOptions,
  grad,
  hessian,
  hvp,
  type Input,
  jacobian,
  valueAndGrad,
} from './functional.js';
export { enableGrad, isGradEnabled, noGrad } from './grad-mode.js';
export {
  type GradcheckEntry,
  type GradcheckFunction,
  type GradcheckOptions,
  type GradcheckReport,
  type GradgradcheckOptions,
  gradcheck,
  gradgradcheck,
} from './gradcheck.js';
export type { Grads, Node, OpDef, Operand } from './node.js';
export {
  abs,
  add,
  clamp,
  div,
  erf,
  exp,
  type GeluOptions,
  gelu,
  leakyRelu,
  log,
  log1p,
  maximum,
  minimum,
  mul,
  neg,
  pow,
  relu,
  sigmoid,
  softplus,
  sqrt,
  sub,
  tanh,
  where,
} from './ops/elementwise.js';
export {
  type BinaryCrossEntropyOptions,
  binaryCrossEntropyWithLogits,
  type CrossEntropyOptions,
  crossEntropyWithLogits,
  type Reduction,
} from './ops/fused.js';
export { type LinearActivation, type LinearOptions, linear } from './ops/linear.js';
export { matmul } from './ops/matmul.js';
export type { Ops, PadSliceOptions, Recompute } from './ops/ops.js';
export {
  logSoftmax,
  logsumexp,
  max,
  mean,
  min,
  softmax,
  sum,
  variance,
} from './ops/reduce.js';
export {
  astype,
  broadcastTo,
  concat,
  gather,
  indexSelect,
  permute,
  reshape,
  slice,
  squeeze,
  stack,
  transpose,
  unsqueeze,
} from './ops/shape.js';
export {
  markIntermediate,
  peekGrad,
  releaseGrad,
  Variable,
  type VariableOptions,
  variable,
} from './variable.js';
