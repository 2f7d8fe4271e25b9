// The public surface of @nabla/train (browser-safe), named export by export. Writing models and
// checkpoints to files (ModelCheckpoint, saveCheckpoint, loadCheckpoint) lives in the separate
// entry point @nabla/train/node.

export type {
  BatchInfo,
  Callback,
  HookResult,
  TrainContext,
} from './callbacks/callback.js';
export {
  EarlyStopping,
  type EarlyStoppingOptions,
  type EarlyStoppingStep,
} from './callbacks/early-stopping.js';
export {
  type ProgressEvent,
  type ProgressListener,
  ProgressReporter,
} from './callbacks/progress.js';
export { TerminateOnNaN } from './callbacks/terminate-on-nan.js';
export {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type EpochProgress,
  type StopRequest,
  type TrainingCheckpoint,
} from './checkpoint/checkpoint.js';
export { decodeCheckpoint, encodeCheckpoint } from './checkpoint/encode.js';
export { NonFiniteGradientError, NonFiniteLossError } from './errors.js';
export {
  type EvaluateOptions,
  type EvaluateResult,
  evaluate,
} from './evaluate.js';
export { fit } from './fit.js';
export type {
  EvalBatches,
  FitOptions,
  OptimizerLike,
  SchedulerLike,
  TrainBatches,
} from './fit-options.js';
export { globalGradNorm } from './grad-norm.js';
export {
  type EpochLog,
  type History,
  logValue,
  type StopInfo,
  type StopReason,
} from './history.js';
export type { LossFn } from './loss.js';
export { type AccuracyOptions, accuracy } from './metrics/accuracy.js';
export {
  type ConfusionMatrixOptions,
  confusionMatrix,
} from './metrics/confusion-matrix.js';
export type { Metric, MetricValue } from './metrics/metric.js';
export { mae, mse, type RegressionMetricOptions } from './metrics/regression.js';
export { type TopKAccuracyOptions, topKAccuracy } from './metrics/top-k-accuracy.js';
export type { MonitorMode } from './monitor.js';
