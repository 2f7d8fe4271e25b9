import type { Dataset } from '../dataset.js';
import { type ClassificationOptions, classification, uniform } from './common.js';

const RADIUS = 5;

/**
 * The Playground's "circle": class 1 is a disc of radius 2.5 around the origin, class 0 a ring
 * from radius 3.5 to 5 around it (radius and angle uniform, so the centre is dense). Noise flips
 * labels as the Playground does: a point's label is decided at the point moved by up to
 * ±5·noise per coordinate, while the point stays put. With noise 0 the classes are separated
 * by the empty ring 2.5 ≤ r < 3.5.
 */
export function circles(options?: ClassificationOptions): Dataset {
  return classification('circles', options, (g, label, _i, _count, noise, point) => {
    const r = label === 1 ? uniform(g, 0, RADIUS * 0.5) : uniform(g, RADIUS * 0.7, RADIUS);
    const angle = uniform(g, 0, 2 * Math.PI);
    const x = r * Math.sin(angle);
    const y = r * Math.cos(angle);
    point[0] = x;
    point[1] = y;
    const nx = uniform(g, -RADIUS, RADIUS) * noise;
    const ny = uniform(g, -RADIUS, RADIUS) * noise;
    return Math.hypot(x + nx, y + ny) < RADIUS * 0.5 ? 1 : 0;
  });
}
