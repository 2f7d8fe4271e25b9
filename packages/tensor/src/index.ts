// The public surface of @nabla/tensor, named export by export.

export { kernels, setKernels } from './backend.js';
export {
  arange,
  type DTypeOptions,
  eye,
  full,
  linspace,
  ones,
  onesLike,
  type TensorLike,
  type TensorOptions,
  tensor,
  zeros,
  zerosLike,
} from './creation.js';
export {
  allocate,
  DTYPES,
  type DType,
  dtypeOf,
  type FloatArray,
  type FloatDType,
  floatTypeOf,
  isDType,
  isFloatDType,
  promoteTypes,
  type TypedArray,
} from './dtype.js';
export { ArgumentError, DTypeError, formatShape, NablaError, ShapeError } from './errors.js';
export { binaryKernel, unaryKernel } from './kernels/elementwise.js';
export { jsKernels } from './kernels/js.js';
export { linearJs, matmulJs, matmulNaive } from './kernels/matmul.js';
export { adamJs, reluGradJs } from './kernels/training.js';
export type {
  AdamArgs,
  BinaryKernel,
  BinaryOp,
  Kernels,
  LinearArgs,
  MatmulArgs,
  MatmulKernel,
  ReduceKernel,
  ReduceOp,
  UnaryKernel,
  UnaryOp,
} from './kernels/types.js';
export {
  THREADED_MIN_MULADDS,
  WASM_MIN_MULADDS,
  type WasmKernelsOptions,
  wasmKernels,
} from './kernels/wasm/backend.js';
export { type WasmFeatures, wasmFeatures } from './kernels/wasm/features.js';
export {
  abs,
  add,
  type ClampOptions,
  clamp,
  div,
  eq,
  exp,
  ge,
  gt,
  type LeakyReluOptions,
  le,
  leakyRelu,
  log,
  log1p,
  lt,
  maximum,
  minimum,
  mul,
  ne,
  neg,
  pow,
  relu,
  sigmoid,
  sign,
  sqrt,
  sub,
  tanh,
  where,
} from './ops/elementwise.js';
export { linear } from './ops/linear.js';
export { type MatmulOptions, matmul } from './ops/matmul.js';
export type { Operand } from './ops/operand.js';
export {
  type ArgReduceOptions,
  argmax,
  argmin,
  logSoftmax,
  logsumexp,
  max,
  mean,
  min,
  type ReduceOptions,
  reducedCount,
  reducedShape,
  type SoftmaxOptions,
  softmax,
  sum,
  type VarianceOptions,
  variance,
} from './ops/reduce.js';
export {
  type AxisOptions,
  astype,
  broadcastTo,
  concat,
  gather,
  indexSelect,
  type OneHotOptions,
  oneHot,
  permute,
  reshape,
  type SliceOptions,
  slice,
  squeeze,
  stack,
  transpose,
  unsqueeze,
} from './ops/shape.js';
export {
  allocateUninitialized,
  type BufferPoolStats,
  bufferPoolStats,
  clearBufferPool,
  release,
} from './pool.js';
export {
  type BernoulliOptions,
  bernoulli,
  Generator,
  type GeneratorState,
  type NormalOptions,
  permutation,
  type RandomOptions,
  rand,
  randint,
  randn,
  type UniformOptions,
} from './random.js';
export {
  broadcastShapes,
  broadcastStrides,
  normalizeAxes,
  normalizeAxis,
  type Shape,
  shapesEqual,
  sizeOf,
  stridesOf,
  unravelIndex,
} from './shape.js';
export { type NestedArray, Tensor } from './tensor.js';
export {
  getNumThreads,
  MAX_THREADS,
  setNumThreads,
  threadsAvailable,
  threadsReady,
} from './threads/index.js';
