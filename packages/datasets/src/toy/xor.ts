import type { Dataset } from '../dataset.js';
import { type ClassificationOptions, classification, uniform } from './common.js';

/** Keeps points off the axes, so with noise 0 the quadrants are clearly apart. */
const PADDING = 0.3;

/**
 * The Playground's "exclusive or": points uniform in the four quadrants of [−5.3, 5.3]² with a
 * 0.3 gap along both axes; class 1 where x·y > 0 (first and third quadrants), class 0 in the
 * other two. Noise flips labels as in the Playground: the label is decided at the point moved
 * by up to ±5·noise per coordinate.
 */
export function xor(options?: ClassificationOptions): Dataset {
  return classification('xor', options, (g, label, _i, _count, noise, point) => {
    const sx = g.nextFloat64() < 0.5 ? -1 : 1;
    const sy = label === 1 ? sx : -sx;
    const x = sx * (uniform(g, 0, 5) + PADDING);
    const y = sy * (uniform(g, 0, 5) + PADDING);
    point[0] = x;
    point[1] = y;
    const nx = uniform(g, -5, 5) * noise;
    const ny = uniform(g, -5, 5) * noise;
    return (x + nx) * (y + ny) >= 0 ? 1 : 0;
  });
}
