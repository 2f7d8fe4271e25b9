// The public surface of @nabla/optim, named export by export.

export { Adagrad, type AdagradOptions, type AdagradState } from './adagrad.js';
export { Adam, type AdamOptions, type AdamState } from './adam.js';
export { AdamW } from './adamw.js';
export { type ClipGradNormOptions, clipGradNorm, clipGradValue } from './clip.js';
export {
  Optimizer,
  type OptimizerStateDict,
  type OptionValue,
  type ParamGroup,
  type ParamGroupInput,
  type ParamState,
  type Params,
} from './optimizer.js';
export { RMSprop, type RMSpropOptions, type RMSpropState } from './rmsprop.js';
export {
  CosineAnnealingLR,
  type CosineAnnealingLROptions,
} from './schedulers/cosine-annealing-lr.js';
export { ExponentialLR, type ExponentialLROptions } from './schedulers/exponential-lr.js';
export { LinearLR, type LinearLROptions } from './schedulers/linear-lr.js';
export {
  LRScheduler,
  type LrGroups,
  type Scheduler,
  type SchedulerStateDict,
} from './schedulers/lr-scheduler.js';
export {
  ReduceLROnPlateau,
  type ReduceLROnPlateauOptions,
  type ReduceLROnPlateauStateDict,
} from './schedulers/reduce-lr-on-plateau.js';
export {
  SequentialLR,
  type SequentialLROptions,
  type SequentialLRStateDict,
} from './schedulers/sequential-lr.js';
export { StepLR, type StepLROptions } from './schedulers/step-lr.js';
export { SGD, type SGDOptions, type SGDState } from './sgd.js';
export { type AdagradUpdateOptions, adagradUpdate } from './updates/adagrad-update.js';
export { type AdamUpdateOptions, adamUpdate } from './updates/adam-update.js';
export { adamwUpdate } from './updates/adamw-update.js';
export { type RmspropUpdateOptions, rmspropUpdate } from './updates/rmsprop-update.js';
export { type SgdUpdateOptions, sgdUpdate } from './updates/sgd-update.js';
