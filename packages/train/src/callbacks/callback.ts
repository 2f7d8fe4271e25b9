import type { Module } from '@nabla/nn';
import type { TrainingCheckpoint } from '../checkpoint/checkpoint.js';
import type { OptimizerLike } from '../fit-options.js';
import type { EpochLog, History } from '../history.js';

/**
 * One batch, as the batch hooks see it. `fit` reuses one object for every batch (the training
 * step allocates nothing for its callbacks): read it during the call, copy what you keep.
 */
export interface BatchInfo {
  /** The epoch, counting from 1. */
  epoch: number;
  /** The batch within the epoch, counting from 1. */
  batch: number;
  /** Batches per epoch. */
  batches: number;
  /** Optimizer steps so far in the run, this batch's included once it has been taken. */
  step: number;
  /** Samples in this batch. */
  size: number;
  /** This batch's loss. */
  loss: number;
  /** The global gradient norm of this batch (before clipping); NaN in `onBatchLoss`. */
  gradNorm: number;
}

/**
 * What callbacks see of a training run, and the two things they may do to it: ask it to stop
 * (`stop`, honoured after the current epoch) and take a resumable snapshot (`checkpoint`).
 */
export interface TrainContext {
  readonly model: Module;
  readonly optimizer: OptimizerLike;
  /** The epochs the run is to train in all (resumed runs count the epochs done before). */
  readonly epochs: number;
  /** Batches per epoch. */
  readonly batchesPerEpoch: number;
  /** Epochs completed so far. */
  readonly completedEpochs: number;
  /** Optimizer steps so far. */
  readonly step: number;
  /** The logs of the completed epochs. */
  readonly logs: readonly EpochLog[];
  /** Whether the run has validation data (so `valLoss` is logged). */
  readonly hasValidation: boolean;
  /**
   * Asks training to stop after the current epoch; `by` names the callback and `message` says
   * why (both end up in `History.stop`). The first request wins.
   */
  stop(by: string, message: string): void;
  /**
   * Everything needed to resume this run bit for bit: pass it to `fit(..., { resume })`. Valid
   * between batches: in `onBatchEnd`, the epoch hooks and the train hooks (not `onBatchLoss`).
   */
  checkpoint(): TrainingCheckpoint;
}

/** A hook's result: `fit` awaits promises, so a hook may write files or wait for the UI. */
export type HookResult = void | Promise<void>;

/**
 * Hooks into `fit`, all optional, called in list order:
 *
 * - `onTrainBegin` once before the first epoch (also when resuming);
 * - `onEpochBegin(epoch)` before each epoch's first batch (again for an epoch resumed midway);
 * - `onBatchLoss(batch)` after the forward pass, before the backward: throwing here leaves the
 *   model as it was before the batch (`TerminateOnNaN` checks the loss here);
 * - `onBatchEnd(batch)` after the optimizer step;
 * - `onEpochEnd(log)` after validation and the epoch's scheduler step;
 * - `onTrainEnd(history)` once at the end, however training ended, unless by an error.
 *
 * A callback with state that a resumed run needs (EarlyStopping's best value and patience
 * count) implements `getState` and `setState`; checkpoints keep the state under the callback's
 * name and its place among callbacks of that name (`EarlyStopping#0`), so resume with the same
 * stateful callbacks (stateless ones, like progress printers, may differ).
 */
export interface Callback {
  /** For messages (`History.stop.by`); defaults to the class name. */
  readonly name?: string;
  onTrainBegin?(ctx: TrainContext): HookResult;
  onEpochBegin?(ctx: TrainContext, epoch: number): HookResult;
  onBatchLoss?(ctx: TrainContext, batch: Readonly<BatchInfo>): HookResult;
  onBatchEnd?(ctx: TrainContext, batch: Readonly<BatchInfo>): HookResult;
  onEpochEnd?(ctx: TrainContext, log: EpochLog): HookResult;
  onTrainEnd?(ctx: TrainContext, history: History): HookResult;
  /** A snapshot of the callback's state: JSON-like values and Tensors. */
  getState?(): unknown;
  setState?(state: unknown): void;
}
