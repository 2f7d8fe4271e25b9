import type { PerceptronDataset } from '../state/options';
import type { HiddenLayerSolution, PerceptronRun } from './logic';

export type PerceptronRequest =
  | { type: 'run'; dataset: PerceptronDataset; seed: number }
  | { type: 'hidden'; dataset: PerceptronDataset; seed: number };

export type PerceptronReply =
  | { type: 'run'; run: PerceptronRun }
  | { type: 'hidden'; solution: HiddenLayerSolution }
  | { type: 'error'; message: string };
