// The input features as the page names them; the arithmetic is @nabla/datasets' featureMap.
import { type Feature, featureMap } from '@nabla/datasets';
import { Tensor } from '@nabla/tensor';

export const FEATURE_LABELS: Record<Feature, string> = {
  x1: 'x₁',
  x2: 'x₂',
  x1Squared: 'x₁²',
  x2Squared: 'x₂²',
  x1x2: 'x₁·x₂',
  sinX1: 'sin x₁',
  sinX2: 'sin x₂',
};

/** Points [n, 2] (flat) to the network's inputs [n, features.length]. */
export function featuresOf(points: Float32Array, features: readonly Feature[]): Tensor {
  return featureMap(new Tensor(points, [points.length / 2, 2]), { features });
}
