// Messages between the Digits view and its worker.
import type { DigitsState } from '../state/app-state';

export interface Mistake {
  /** Row of the test set. */
  index: number;
  label: number;
  predicted: number;
  /** The model's probability of its (wrong) prediction. */
  confidence: number;
}

export interface Evaluation {
  accuracy: number;
  mistakes: Mistake[];
}

export interface EpochReport {
  epoch: number;
  loss: number;
  valLoss: number;
  /** The exponential moving average of the validation loss that early stopping compares. */
  smoothed: number;
  valAccuracy: number;
  bestEpoch: number | null;
  /** Epochs since the smoothed validation loss last improved. */
  wait: number;
  test: Evaluation;
}

export interface TrainingEnd {
  message: string;
  stoppedEpoch: number | null;
  restoredEpoch: number | null;
  aborted: boolean;
  test: Evaluation;
}

export type DigitsRequest =
  | { type: 'train'; settings: DigitsState; seed: number; run: number }
  | { type: 'stop' }
  | { type: 'reset'; settings: DigitsState; seed: number }
  | { type: 'predict'; pixels: Float32Array; id: number };

export type DigitsReply =
  | {
      type: 'loaded';
      /** The test digits as bytes (784 per digit) and their labels, for the gallery. */
      testImages: Uint8Array;
      testLabels: Int32Array;
      trainCount: number;
      valCount: number;
    }
  // `run` tells the view which training request a report belongs to: a stopped run's last
  // reports may arrive after the next one started.
  | {
      type: 'batch';
      run: number;
      epoch: number;
      batch: number;
      batches: number;
      loss: number;
      steps: number;
    }
  | { type: 'epoch'; run: number; report: EpochReport }
  | { type: 'end'; run: number; end: TrainingEnd }
  | { type: 'prediction'; probabilities: number[]; id: number }
  | { type: 'error'; message: string };
