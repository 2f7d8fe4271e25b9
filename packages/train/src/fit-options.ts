import type { DataLoaderState, Dataset } from '@nabla/datasets';
import { Module } from '@nabla/nn';
import { ArgumentError, Generator } from '@nabla/tensor';
import type { Callback } from './callbacks/callback.js';
import type { ProgressListener } from './callbacks/progress.js';
import type { TrainingCheckpoint } from './checkpoint/checkpoint.js';
import type { LossFn } from './loss.js';
import type { Metric } from './metrics/metric.js';

/** What `fit` needs of an optimizer: every @nabla/optim optimizer is one. */
export interface OptimizerLike {
  readonly paramGroups: readonly { lr: number }[];
  zeroGrad(): void;
  step(): unknown;
  stateDict(): unknown;
  loadStateDict(state: unknown): void;
}

/**
 * What `fit` needs of a learning-rate scheduler: every @nabla/optim scheduler is one.
 * `step(value)` gets the monitored value (`ReduceLROnPlateau` uses it; the others ignore it).
 */
export interface SchedulerLike {
  step(value?: number): void;
  stateDict(): unknown;
  loadStateDict(state: unknown): void;
}

/**
 * Training data: an iterable of `{ x, y }` batches that runs the rest of the current epoch
 * and keeps a cursor that can be saved and restored. `DataLoader` from @nabla/datasets is one.
 */
export interface TrainBatches extends Iterable<Dataset> {
  /** Batches per epoch. */
  readonly length: number;
  getState(): DataLoaderState;
  setState(state: DataLoaderState): void;
}

/**
 * Evaluation data: a `DataLoader` (its whole first-epoch order is used every time, so the
 * result never depends on where its cursor is) or any iterable of `{ x, y }` batches.
 */
export type EvalBatches = Iterable<Dataset> & {
  epochBatches?(epoch: number, start?: number): Iterable<Dataset>;
};

export interface FitOptions {
  /** The objective, e.g. `crossEntropy` or `(out, y) => mseLoss(out, y)`; see `LossFn`. */
  loss: LossFn;
  /** The optimizer over the model's parameters. */
  optimizer: OptimizerLike;
  /** The training batches (a `DataLoader`, shuffled and seeded for reproducible runs). */
  train: TrainBatches;
  /** Validation batches, evaluated after each epoch in eval mode without gradients. */
  val?: EvalBatches;
  /** Epochs to train in all; a resumed run counts the epochs before the checkpoint. */
  epochs: number;
  /** Metrics logged for the training batches and for `val` (e.g. `[accuracy()]`). */
  metrics?: Metric[];
  /** Callbacks, called in list order (`EarlyStopping`, `ModelCheckpoint`, your own). */
  callbacks?: Callback[];
  /** A learning-rate scheduler, stepped once per epoch (or per batch, see `schedulerInterval`). */
  scheduler?: SchedulerLike;
  /** `'epoch'` (default): step the scheduler after each epoch; `'batch'`: after each step. */
  schedulerInterval?: 'epoch' | 'batch';
  /**
   * The logged value passed to `scheduler.step` after each epoch (for `ReduceLROnPlateau`);
   * default `'valLoss'` with validation data, else `'loss'`.
   */
  schedulerMonitor?: string;
  /** Stops training between two batches, leaving model and optimizer consistent. */
  signal?: AbortSignal;
  /** Rescale the gradients so their global L2 norm is at most this (`clipGradNorm`). */
  clipGradNorm?: number;
  /** Throw `NonFiniteLossError` on a NaN or infinite loss (default true; `TerminateOnNaN`). */
  terminateOnNaN?: boolean;
  /** Receives `ProgressEvent`s: batches, epochs, the start and the end. */
  onProgress?: ProgressListener;
  /** A checkpoint from `ctx.checkpoint()` (or `loadCheckpoint`): continue that run exactly. */
  resume?: TrainingCheckpoint;
  /**
   * Random generators the run draws from besides the model's own, saved in checkpoints so a
   * resumed run draws the same numbers. The model's generators (`model.generators()`: every
   * Dropout's, `mlp({ dropout })`'s included) are saved without being listed here; one listed
   * anyway is saved once.
   */
  generators?: Generator[];
  /**
   * Give the event loop a turn at least every this many milliseconds (default 25), so an
   * `AbortSignal` from a timer, a key press or a UI button can arrive, and a page stays
   * responsive. 0 yields after every batch; Infinity never.
   */
  yieldEvery?: number;
}

/** `FitOptions` checked, with defaults filled in. */
export interface ResolvedFitOptions {
  loss: LossFn;
  optimizer: OptimizerLike;
  train: TrainBatches;
  val: EvalBatches | undefined;
  epochs: number;
  metrics: Metric[];
  callbacks: Callback[];
  scheduler: SchedulerLike | undefined;
  schedulerInterval: 'epoch' | 'batch';
  schedulerMonitor: string;
  signal: AbortSignal | undefined;
  clipGradNorm: number | undefined;
  terminateOnNaN: boolean;
  onProgress: ProgressListener | undefined;
  resume: TrainingCheckpoint | undefined;
  generators: Generator[];
  yieldEvery: number;
}

const KNOWN = new Set([
  'loss',
  'optimizer',
  'train',
  'val',
  'epochs',
  'metrics',
  'callbacks',
  'scheduler',
  'schedulerInterval',
  'schedulerMonitor',
  'signal',
  'clipGradNorm',
  'terminateOnNaN',
  'onProgress',
  'resume',
  'generators',
  'yieldEvery',
]);

/** Checks every option once, before training starts, naming the option and the fix. */
export function resolveFitOptions(model: unknown, options: FitOptions): ResolvedFitOptions {
  const op = 'fit';
  if (!(model instanceof Module)) {
    throw new ArgumentError(op, 'the first argument must be a Module (the model to train)');
  }
  if (options === null || typeof options !== 'object') {
    throw new ArgumentError(op, 'needs options { loss, optimizer, train, epochs }');
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) {
      throw new ArgumentError(op, `unknown option ${key}; known: ${[...KNOWN].join(', ')}`);
    }
  }
  const o = options;
  if (typeof o.loss !== 'function') {
    throw new ArgumentError(
      op,
      'loss must be a function (output, target) => Variable, e.g. crossEntropy from @nabla/losses',
    );
  }
  const opt = o.optimizer as Partial<OptimizerLike> | undefined;
  if (
    opt === null ||
    typeof opt !== 'object' ||
    typeof opt.step !== 'function' ||
    typeof opt.zeroGrad !== 'function' ||
    !Array.isArray(opt.paramGroups)
  ) {
    throw new ArgumentError(
      op,
      'optimizer must be an optimizer, e.g. new Adam(model.parameters(), { lr: 1e-3 })',
    );
  }
  const train = o.train as Partial<TrainBatches> | undefined;
  if (
    train === null ||
    typeof train !== 'object' ||
    typeof train[Symbol.iterator] !== 'function' ||
    typeof train.getState !== 'function' ||
    typeof train.setState !== 'function' ||
    typeof train.length !== 'number'
  ) {
    throw new ArgumentError(
      op,
      'train must be a DataLoader: new DataLoader({ x, y }, { batchSize, shuffle: true, seed })',
    );
  }
  if (train.length === 0) {
    throw new ArgumentError(
      op,
      'train yields no batches (an empty data set, or dropLast with too few samples)',
    );
  }
  if (o.val !== undefined && (o.val === null || typeof o.val[Symbol.iterator] !== 'function')) {
    throw new ArgumentError(op, 'val must be a DataLoader (or an iterable of { x, y } batches)');
  }
  if (!Number.isInteger(o.epochs) || o.epochs < 0) {
    throw new ArgumentError(op, `epochs must be a non-negative integer, got ${String(o.epochs)}`);
  }
  const metrics = o.metrics ?? [];
  if (!Array.isArray(metrics)) throw new ArgumentError(op, 'metrics must be an array');
  const names = new Set<string>();
  metrics.forEach((m, i) => {
    if (m === null || typeof m !== 'object' || typeof m.update !== 'function') {
      throw new ArgumentError(op, `metrics[${i}] is not a metric (use accuracy(), mse(), ...)`);
    }
    if (m.name === 'loss' || names.has(m.name)) {
      throw new ArgumentError(
        op,
        `metric name '${m.name}' is ${m.name === 'loss' ? 'reserved' : 'used twice'}; pass { name } to tell them apart`,
      );
    }
    names.add(m.name);
  });
  const callbacks = o.callbacks ?? [];
  if (!Array.isArray(callbacks) || callbacks.some((c) => c === null || typeof c !== 'object')) {
    throw new ArgumentError(op, 'callbacks must be an array of callback objects');
  }
  if (o.scheduler !== undefined && typeof o.scheduler?.step !== 'function') {
    throw new ArgumentError(op, 'scheduler must be a learning-rate scheduler from @nabla/optim');
  }
  const interval = o.schedulerInterval ?? 'epoch';
  if (interval !== 'epoch' && interval !== 'batch') {
    throw new ArgumentError(
      op,
      `schedulerInterval must be 'epoch' or 'batch', got ${String(interval)}`,
    );
  }
  if (o.signal !== undefined && (o.signal === null || typeof o.signal.aborted !== 'boolean')) {
    throw new ArgumentError(op, 'signal must be an AbortSignal (new AbortController().signal)');
  }
  if (o.clipGradNorm !== undefined && !(o.clipGradNorm > 0)) {
    throw new ArgumentError(op, `clipGradNorm must be a number > 0, got ${String(o.clipGradNorm)}`);
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new ArgumentError(op, 'onProgress must be a function receiving progress events');
  }
  const generators = o.generators ?? [];
  if (!Array.isArray(generators) || generators.some((g) => !(g instanceof Generator))) {
    throw new ArgumentError(op, 'generators must be an array of Generators from @nabla/tensor');
  }
  const yieldEvery = o.yieldEvery ?? 25;
  if (typeof yieldEvery !== 'number' || !(yieldEvery >= 0)) {
    throw new ArgumentError(
      op,
      `yieldEvery must be a number of milliseconds ≥ 0, got ${String(yieldEvery)}`,
    );
  }
  return {
    loss: o.loss,
    optimizer: o.optimizer,
    train: o.train,
    val: o.val,
    epochs: o.epochs,
    metrics,
    callbacks,
    scheduler: o.scheduler,
    schedulerInterval: interval,
    schedulerMonitor: o.schedulerMonitor ?? (o.val !== undefined ? 'valLoss' : 'loss'),
    signal: o.signal,
    clipGradNorm: o.clipGradNorm,
    terminateOnNaN: o.terminateOnNaN ?? true,
    onProgress: o.onProgress,
    resume: o.resume,
    generators,
    yieldEvery,
  };
}
