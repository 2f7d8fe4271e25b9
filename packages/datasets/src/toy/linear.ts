import type { Dataset } from '../dataset.js';
import { type ClassificationOptions, classification, uniform } from './common.js';

const RADIUS = 2;

/**
 * Two linearly separable blobs, the perceptron's case: class 1 uniform in the disc of radius 2
 * around (2, 2), class 0 in the disc around (−2, −2). With noise 0 the line x + y = 0
 * separates them with a margin of 2√2 − 2 ≈ 0.83 on each side (so the perceptron converges).
 * Noise moves each point by normal jitter of standard deviation 2·noise per coordinate, which
 * makes the blobs overlap from about noise 0.2.
 */
export function linear(options?: ClassificationOptions): Dataset {
  return classification('linear', options, (g, label, _i, _count, noise, point) => {
    const centre = label === 1 ? 2 : -2;
    // The square root makes the disc uniformly filled rather than dense at its centre.
    const r = RADIUS * Math.sqrt(g.nextFloat64());
    const angle = uniform(g, 0, 2 * Math.PI);
    point[0] = centre + r * Math.cos(angle) + 2 * noise * g.nextNormal();
    point[1] = centre + r * Math.sin(angle) + 2 * noise * g.nextNormal();
    return label;
  });
}
