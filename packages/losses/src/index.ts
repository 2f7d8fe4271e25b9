// The public surface of @nabla/losses, named export by export. Each loss is a plain function
// over Variables (Tensors are taken as constants) with PyTorch's name, options and numbers.

export {
  type BinaryCrossEntropyOptions,
  type BinaryCrossEntropyWithLogitsOptions,
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
} from './binary.js';
export { type InputCheck, InputCheckError, type InputCheckOptions } from './check.js';
export { DEFAULT_IGNORE_INDEX } from './classes.js';
export { type CrossEntropyOptions, crossEntropy } from './cross-entropy.js';
export type { LossInput } from './inputs.js';
export { l2Penalty } from './l2-penalty.js';
export { type NllLossOptions, nllLoss } from './nll.js';
export type { Reduction, ReductionOptions } from './reduction.js';
export { type HuberLossOptions, huberLoss, l1Loss, mseLoss } from './regression.js';
