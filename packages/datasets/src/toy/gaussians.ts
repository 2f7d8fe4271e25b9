import type { Dataset } from '../dataset.js';
import { type ClassificationOptions, classification } from './common.js';

/**
 * The Playground's "Gaussian": two round normal clouds, class 1 around (2, 2) and class 0
 * around (−2, −2). Noise widens them as in the Playground: the variance is 0.5 + 7·noise
 * (0.5 at noise 0, 4 at the Playground's maximum 0.5), so they overlap more and more.
 */
export function gaussians(options?: ClassificationOptions): Dataset {
  return classification('gaussians', options, (g, label, _i, _count, noise, point) => {
    const centre = label === 1 ? 2 : -2;
    const std = Math.sqrt(0.5 + 7 * noise);
    point[0] = centre + std * g.nextNormal();
    point[1] = centre + std * g.nextNormal();
    return label;
  });
}
