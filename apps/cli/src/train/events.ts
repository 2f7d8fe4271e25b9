// What a training run tells its reporter (the terminal view or the JSON lines), independent of
// how it is shown.
import type { DownloadProgress } from '@nabla/datasets/node';
import type { Callback, EarlyStopping, EpochLog } from '@nabla/train';

export interface StartInfo {
  readonly data: string;
  readonly classes: readonly string[];
  readonly inputs: string;
  readonly trainSize: number;
  readonly valSize: number;
  readonly testSize: number;
  readonly model: string;
  readonly parameters: number;
  readonly optimizer: string;
  readonly batchSize: number;
  readonly epochs: number;
  readonly earlyStopping: string;
  /** Where a resumed run picks up. */
  readonly resumed: {
    readonly checkpoint: string;
    readonly epoch: number;
    readonly batch: number;
  } | null;
}

/** One line of the per-epoch table. */
export interface EpochRow {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss: number;
  readonly valAccuracy: number;
  /** The EMA of the validation loss that early stopping compares. */
  readonly valLossSmoothed: number;
  /** Whether the smoothed validation loss improved on the best so far (a new best epoch). */
  readonly improved: boolean;
  readonly lr: number;
  readonly seconds: number;
  readonly samplesPerSecond: number;
}

export interface InterruptInfo {
  readonly checkpoint: string;
  /** Epochs completed, and batches done in the next one. */
  readonly epoch: number;
  readonly batch: number;
  readonly batches: number;
  readonly resume: string;
}

/** The end of a run; `--json` prints it as the last line. */
export interface TrainSummary {
  readonly testAccuracy: number;
  readonly testLoss: number;
  readonly testSamples: number;
  readonly perClassAccuracy: Record<string, number>;
  readonly confusionMatrix: number[][];
  readonly classes: readonly string[];
  /** Epochs run in all (a resumed run counts those before the checkpoint). */
  readonly epochs: number;
  readonly bestEpoch: number | null;
  /** The epoch whose weights the model holds (the best one, restored). */
  readonly restoredEpoch: number | null;
  readonly stoppedEarly: boolean;
  readonly stopMessage: string;
  /** Wall-clock seconds of the whole command. */
  readonly seconds: number;
  readonly trainSeconds: number;
  readonly samplesPerSecond: number;
  readonly model: string;
  readonly report: string | null;
}

export interface TrainReporter {
  /** Hooks into fit: goes after EarlyStopping in the callback list, to see its smoothed value. */
  readonly callback: Callback;
  download(progress: DownloadProgress): void;
  start(info: StartInfo): void;
  /** The first Ctrl-C arrived: training stops after the current batch. */
  interrupting(): void;
  interrupted(info: InterruptInfo): void;
  finished(summary: TrainSummary): void;
  /** Stops any live display (also after an error). */
  dispose(): void;
}

/** A log and the early-stopping trace as a table row. */
export function epochRow(log: EpochLog, early: EarlyStopping): EpochRow {
  const step = early.trace.find((t) => t.epoch === log.epoch);
  const num = (v: unknown) => (typeof v === 'number' ? v : Number.NaN);
  return {
    epoch: log.epoch,
    loss: log.loss,
    accuracy: num(log.metrics.accuracy),
    valLoss: num(log.valLoss),
    valAccuracy: num(log.valMetrics?.accuracy),
    valLossSmoothed: step?.smoothed ?? Number.NaN,
    improved: step?.improved ?? false,
    lr: log.lr,
    seconds: log.time,
    samplesPerSecond: log.samplesPerSecond,
  };
}
