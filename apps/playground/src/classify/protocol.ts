// Messages between the Classify view and its worker.
import type { ClassifyState } from '../state/app-state';

/** One picture of the training run: everything the view draws, as plain transferable data. */
export interface ClassifyFrame {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  /** Loss after each epoch so far (index 0: before training). */
  trainHistory: number[];
  testHistory: number[];
  /** The output over the plane, `outputSize`² values in [−1, 1] (2p − 1, or the regression value). */
  output: Float32Array;
  outputSize: number;
  /** Per hidden layer, each unit's activation over the plane: [units, unitSize²], row-major. */
  units: Float32Array[];
  unitSize: number;
  /** Per Linear layer, its weights [out, in] (row-major) and biases [out]. */
  weights: Float32Array[];
  biases: Float32Array[];
  /** The transformed space: every point's two chosen activations, and the bent grid lines. */
  space: { points: Float32Array; lines: Float32Array } | null;
}

/** The data, sent once per configuration: points [n, 2] flat, targets [n]. */
export interface ClassifyData {
  trainPoints: Float32Array;
  trainTargets: Float32Array;
  testPoints: Float32Array;
  testTargets: Float32Array;
}

export type ClassifyRequest =
  | { type: 'configure'; state: ClassifyState; seed: number }
  | { type: 'space'; layer: number; units: [number, number] }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'reset' };

export type ClassifyReply =
  | { type: 'data'; data: ClassifyData }
  | { type: 'frame'; frame: ClassifyFrame; playing: boolean }
  | { type: 'error'; message: string };
