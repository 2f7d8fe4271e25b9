// The whole state a link carries: which view, the seed, and each view's settings. Everything
// else on screen (weights, curves, the race) follows from it by seeded computation.
import {
  type Activation,
  type ClassifyDataset,
  type Feature,
  type LossName,
  type OptimizerName,
  type PerceptronDataset,
  type Problem,
  RACERS,
  type Racer,
  type SurfaceName,
  type View,
} from './options';

export interface ClassifyState {
  problem: Problem;
  dataset: ClassifyDataset;
  /** 0 to 0.5, in steps of 0.05. */
  noise: number;
  /** Share of the points used for training: 0.1 to 0.9, in steps of 0.1. */
  trainRatio: number;
  features: Feature[];
  /** Units per hidden layer: 0 to 6 layers of 1 to 8 units. */
  layers: number[];
  activation: Activation;
  loss: LossName;
  optimizer: OptimizerName;
  lr: number;
  /** 1 to 30. */
  batchSize: number;
  /** λ of the L2 penalty λ·½Σw² on the weights. */
  l2: number;
  /** 0 to 0.5, in steps of 0.1. */
  dropout: number;
  /** The hidden layer the transformed-space plot shows (1-based), and its two units (0-based). */
  spaceLayer: number;
  spaceUnits: [number, number];
}

export interface PerceptronState {
  dataset: PerceptronDataset;
  /** Updates animated per second: 1 to 60. */
  speed: number;
}

export interface OptimizersState {
  surface: SurfaceName;
  /** The quadratic's condition number κ: 1 to 100. */
  condition: number;
  /** Learning rate of SGD, momentum and Nesterov (log10, in steps of 0.25). */
  lrLog: number;
  /** Learning rate of AdaGrad, RMSprop and Adam (log10, in steps of 0.25). */
  adaptiveLrLog: number;
  /** μ of momentum and Nesterov: 0 to 0.99. */
  momentum: number;
  /** Where the race starts; null is the surface's own starting point. */
  start: [number, number] | null;
  /** 10 to 1000. */
  steps: number;
  racers: Racer[];
}

export interface DigitsState {
  /** Hidden layer widths: 0 to 3 layers. */
  layers: number[];
  dropout: number;
  weightDecay: number;
  optimizer: OptimizerName;
  lr: number;
  /** 16 to 256. */
  batchSize: number;
  /** Epochs without improvement of the smoothed validation loss before stopping: 1 to 10. */
  patience: number;
  /** α of the moving average of the validation loss: 0 to 0.9. */
  smoothing: number;
  /** 1 to 50. */
  maxEpochs: number;
}

export interface AppState {
  view: View;
  /** Seeds the data, the initial weights, the batch order and the dropout masks. */
  seed: number;
  classify: ClassifyState;
  perceptron: PerceptronState;
  optimizers: OptimizersState;
  digits: DigitsState;
}

export function defaultState(): AppState {
  return {
    view: 'classify',
    seed: 1,
    classify: {
      problem: 'classification',
      dataset: 'circles',
      noise: 0,
      trainRatio: 0.5,
      features: ['x1', 'x2'],
      layers: [4, 2],
      activation: 'tanh',
      loss: 'bce',
      optimizer: 'adam',
      lr: 0.03,
      batchSize: 10,
      l2: 0,
      dropout: 0,
      spaceLayer: 1,
      spaceUnits: [0, 1],
    },
    perceptron: { dataset: 'linear', speed: 8 },
    optimizers: {
      surface: 'rosenbrock',
      condition: 20,
      lrLog: -3,
      adaptiveLrLog: -1,
      momentum: 0.9,
      start: null,
      steps: 300,
      racers: [...RACERS],
    },
    digits: {
      layers: [64],
      dropout: 0.1,
      weightDecay: 0.0001,
      optimizer: 'adam',
      lr: 0.001,
      batchSize: 64,
      patience: 3,
      smoothing: 0.3,
      maxEpochs: 15,
    },
  };
}
