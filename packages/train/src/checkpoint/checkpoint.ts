import type { DataLoaderState } from '@nabla/datasets';
import type { StateDict } from '@nabla/nn';
import type { GeneratorState } from '@nabla/tensor';
import type { EpochLog } from '../history.js';

/** The format tag every checkpoint carries, checked before a checkpoint is used. */
export const CHECKPOINT_FORMAT = 'nabla.train.checkpoint';
export const CHECKPOINT_VERSION = 1;

/** What `ctx.stop(by, message)` asked for. */
export interface StopRequest {
  readonly by: string;
  readonly message: string;
}

/** The running totals of an epoch interrupted between two batches. */
export interface EpochProgress {
  /** Batches done in the epoch. */
  readonly batches: number;
  readonly samples: number;
  /** Σ batch loss × batch size, in float64. */
  readonly lossSum: number;
  /** Σ per-batch global gradient norm. */
  readonly gradNormSum: number;
  /** The learning rate at the epoch's first step. */
  readonly lr: number;
  /** Seconds spent on the epoch's training batches so far. */
  readonly trainTime: number;
  /** Each training metric's `getState()`. */
  readonly metrics: readonly (readonly number[])[];
}

/**
 * A training run frozen between two batches (or between two epochs): with the same model
 * architecture, optimizer type, data, callbacks and options, `fit(model, { ..., resume })`
 * continues it and ends with the same weights and the same History (time fields aside), bit
 * for bit, as the run that was never interrupted. Holds Tensors and JSON-safe values; encode
 * it with `encodeCheckpoint` or save it with `saveCheckpoint` from `@nabla/train/node`.
 */
export interface TrainingCheckpoint {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly version: number;
  /** Epochs completed. */
  readonly epoch: number;
  /** Optimizer steps taken. */
  readonly step: number;
  /** `model.stateDict()`. */
  readonly model: StateDict;
  /** `optimizer.stateDict()`. */
  readonly optimizer: unknown;
  /** `scheduler.stateDict()`, or null without a scheduler. */
  readonly scheduler: unknown;
  /** The training loader's cursor: which epoch's order, and the next batch in it. */
  readonly train: DataLoaderState;
  /** The interrupted epoch's totals, or null at an epoch boundary. */
  readonly progress: EpochProgress | null;
  /** The logs of the completed epochs. */
  readonly history: readonly EpochLog[];
  /**
   * A stop a callback asked for (`ctx.stop`) that the run had not yet honoured when it was
   * interrupted, e.g. EarlyStopping's at the epoch an abort also arrived: the resumed run stops
   * there too. Absent in checkpoints written before it was kept; null when there is none.
   */
  readonly stopRequest?: StopRequest | null;
  /**
   * The `getState()` of each callback that has one, keyed by its name and its place among the
   * callbacks of that name (`EarlyStopping#0`): stateless callbacks may come and go on resume.
   */
  readonly callbacks: { readonly [key: string]: unknown };
  /** The state of each generator of the model (`model.generators()`), then of each other one passed to `fit` as `generators`. */
  readonly generators: readonly GeneratorState[];
}
