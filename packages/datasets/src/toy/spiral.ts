import type { Dataset } from '../dataset.js';
import { type ClassificationOptions, classification, uniform } from './common.js';

/**
 * The Playground's "spiral": two interleaved arms, each turning 1.75 times while the radius
 * grows from 0 to 5; class 0's arm is class 1's turned by π. Points are evenly spaced along
 * each arm and moved by up to ±noise per coordinate, as in the Playground. The hardest of the
 * four: a small MLP needs the sin features or more units.
 */
export function spiral(options?: ClassificationOptions): Dataset {
  return classification('spiral', options, (g, label, i, count, noise, point) => {
    const s = i / count;
    const r = 5 * s;
    const t = 1.75 * 2 * Math.PI * s + (label === 1 ? 0 : Math.PI);
    point[0] = r * Math.sin(t) + uniform(g, -1, 1) * noise;
    point[1] = r * Math.cos(t) + uniform(g, -1, 1) * noise;
    return label;
  });
}
