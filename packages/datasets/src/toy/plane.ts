import type { Dataset } from '../dataset.js';
import { regression, type ToyOptions } from './common.js';

/**
 * The Playground's "plane" regression: points uniform in [−6, 6]², target (x + y) / 10, a
 * tilted plane between −1.2 and 1.2. Noise as in the Playground: the target is taken at the
 * point moved by up to ±6·noise per coordinate.
 */
export function plane(options?: ToyOptions): Dataset {
  return regression('plane', options, (x, y) => (x + y) / 10);
}
