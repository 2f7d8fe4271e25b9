import type { Dataset } from '../dataset.js';
import { regression, type ToyOptions } from './common.js';

/** Six bumps on a 3 × 2 grid, alternating in sign: [centre x, centre y, sign]. */
const BUMPS: readonly (readonly [number, number, number])[] = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1],
];

/**
 * The Playground's "multi Gaussian" regression: points uniform in [−6, 6]²; each of six bumps
 * is a cone of height ±1 falling linearly to 0 at distance 2 from its centre, and the target is
 * the bump value largest in magnitude (0 far from every bump). Noise as for `plane`.
 */
export function multiGaussian(options?: ToyOptions): Dataset {
  return regression('multiGaussian', options, (x, y) => {
    let target = 0;
    for (const [cx, cy, sign] of BUMPS) {
      const height = Math.min(1, Math.max(0, 1 - Math.hypot(x - cx, y - cy) / 2));
      if (height > Math.abs(target)) target = sign * height;
    }
    return target;
  });
}
