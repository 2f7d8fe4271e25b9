import type { EpochLog, History } from '../history.js';
import type { BatchInfo, Callback, TrainContext } from './callback.js';

/**
 * The progress of a run as a stream of plain events, for progress bars (the CLI) and live
 * charts (the playground). Every event is a fresh JSON-safe object the listener may keep.
 */
export type ProgressEvent =
  | {
      readonly type: 'trainBegin';
      /** The epochs to train in all, and the epochs already done (when resuming). */
      readonly epochs: number;
      readonly completedEpochs: number;
      readonly batchesPerEpoch: number;
    }
  | { readonly type: 'epochBegin'; readonly epoch: number; readonly batches: number }
  | {
      readonly type: 'batch';
      readonly epoch: number;
      /** Batches done in this epoch, counting from 1, of `batches`. */
      readonly batch: number;
      readonly batches: number;
      readonly step: number;
      /** This batch's loss. */
      readonly loss: number;
      /** The epoch's mean loss so far (what a progress bar shows). */
      readonly meanLoss: number;
    }
  | { readonly type: 'epochEnd'; readonly log: EpochLog }
  | { readonly type: 'trainEnd'; readonly history: History };

export type ProgressListener = (event: ProgressEvent) => void;

/**
 * Turns the callback hooks into `ProgressEvent`s for `listener`: what `fit`'s `onProgress`
 * option installs. Browser-safe (no EventEmitter); to get an async iterable instead, push the
 * events into a queue.
 */
export class ProgressReporter implements Callback {
  readonly name = 'ProgressReporter';
  readonly listener: ProgressListener;
  #lossSum = 0;
  #samples = 0;

  constructor(listener: ProgressListener) {
    this.listener = listener;
  }

  onTrainBegin(ctx: TrainContext): void {
    this.listener({
      type: 'trainBegin',
      epochs: ctx.epochs,
      completedEpochs: ctx.completedEpochs,
      batchesPerEpoch: ctx.batchesPerEpoch,
    });
  }

  onEpochBegin(ctx: TrainContext, epoch: number): void {
    this.#lossSum = 0;
    this.#samples = 0;
    this.listener({ type: 'epochBegin', epoch, batches: ctx.batchesPerEpoch });
  }

  onBatchEnd(_ctx: TrainContext, b: Readonly<BatchInfo>): void {
    this.#lossSum += b.loss * b.size;
    this.#samples += b.size;
    this.listener({
      type: 'batch',
      epoch: b.epoch,
      batch: b.batch,
      batches: b.batches,
      step: b.step,
      loss: b.loss,
      meanLoss: this.#lossSum / this.#samples,
    });
  }

  onEpochEnd(_ctx: TrainContext, log: EpochLog): void {
    this.listener({ type: 'epochEnd', log });
  }

  onTrainEnd(_ctx: TrainContext, history: History): void {
    this.listener({ type: 'trainEnd', history });
  }
}
