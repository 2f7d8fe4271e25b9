// The choices every control offers, in one place: the views read their menus from here and the
// URL parser accepts exactly these values, so a link can never describe a run the UI cannot show.
import { FEATURES, type Feature } from '@nabla/datasets';

export const VIEWS = ['classify', 'perceptron', 'optimizers', 'digits'] as const;
export type View = (typeof VIEWS)[number];

export const CLASSIFY_DATASETS = [
  'circles',
  'xor',
  'gaussians',
  'spiral',
  'linear',
  'moons',
] as const;
export const REGRESSION_DATASETS = ['plane', 'multiGaussian'] as const;
export type ClassifyDataset =
  | (typeof CLASSIFY_DATASETS)[number]
  | (typeof REGRESSION_DATASETS)[number];

export const PROBLEMS = ['classification', 'regression'] as const;
export type Problem = (typeof PROBLEMS)[number];

export { FEATURES, type Feature };

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** Sigmoid + binary cross-entropy, or squared error on the sigmoid's output. */
export const LOSSES = ['bce', 'mse'] as const;
export type LossName = (typeof LOSSES)[number];

export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** The Playground's learning-rate and regularisation menus: a log scale a click apart. */
export const LEARNING_RATES = [
  0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10,
] as const;
export const L2_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] as const;
export const WEIGHT_DECAYS = [0, 0.00001, 0.0001, 0.001, 0.01] as const;

export const MAX_HIDDEN_LAYERS = 6;
export const MAX_UNITS = 8;

export const PERCEPTRON_DATASETS = ['linear', 'xor'] as const;
export type PerceptronDataset = (typeof PERCEPTRON_DATASETS)[number];

export const SURFACES = ['quadratic', 'rosenbrock', 'beale', 'saddle', 'wells'] as const;
export type SurfaceName = (typeof SURFACES)[number];

/** The racers of the optimizer view: @nabla/optim's classes, and Newton's method. */
export const RACERS = [
  'sgd',
  'momentum',
  'nesterov',
  'adagrad',
  'rmsprop',
  'adam',
  'newton',
] as const;
export type Racer = (typeof RACERS)[number];

export const DIGIT_WIDTHS = [16, 32, 64, 128, 256] as const;
export const MAX_DIGIT_LAYERS = 3;

export function isFeature(value: string): value is Feature {
  return (FEATURES as readonly string[]).includes(value);
}
