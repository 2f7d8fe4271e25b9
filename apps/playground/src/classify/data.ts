// The Classify view's data: a toy set from @nabla/datasets, split into training and test points.
import {
  circles,
  type Dataset,
  gaussians,
  linear,
  moons,
  multiGaussian,
  plane,
  spiral,
  trainValSplit,
  xor,
} from '@nabla/datasets';
import type { ClassifyState } from '../state/app-state';
import type { ClassifyDataset } from '../state/options';
import type { ClassifyData } from './protocol';

const GENERATORS: Record<
  ClassifyDataset,
  (o: { n: number; noise: number; seed: number }) => Dataset
> = { circles, xor, gaussians, spiral, linear, moons, plane, multiGaussian };

/** The Playground's number of points. */
export const POINTS = 500;

export function makeData(state: ClassifyState, seed: number): ClassifyData {
  const all = GENERATORS[state.dataset]({ n: POINTS, noise: state.noise, seed });
  const { train, val } = trainValSplit(all, { valFraction: 1 - state.trainRatio, seed });
  return {
    trainPoints: Float32Array.from(train.x.data),
    trainTargets: Float32Array.from(train.y.data),
    testPoints: Float32Array.from(val.x.data),
    testTargets: Float32Array.from(val.y.data),
  };
}
