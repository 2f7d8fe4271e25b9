import type { Dataset } from '../dataset.js';
import { type ClassificationOptions, classification, uniform } from './common.js';

/** Scales scikit-learn's unit moons up to the Playground's [−6, 6] view. */
const SCALE = 3;

/**
 * Two interleaving half circles, as scikit-learn's `make_moons`: class 0 is the upper arc
 * (cos t, sin t), class 1 the lower arc (1 − cos t, ½ − sin t), t uniform in [0, π]; then
 * centred and scaled by 3, so the points lie in [−4.5, 4.5] × [−2.25, 2.25]. Noise is the
 * standard deviation of normal jitter in the unit moons' scale (so ×3 on screen), as in
 * scikit-learn; 0.1–0.2 is typical.
 */
export function moons(options?: ClassificationOptions): Dataset {
  return classification('moons', options, (g, label, _i, _count, noise, point) => {
    const t = uniform(g, 0, Math.PI);
    const x = label === 0 ? Math.cos(t) : 1 - Math.cos(t);
    const y = label === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
    point[0] = SCALE * (x - 0.5 + noise * g.nextNormal());
    point[1] = SCALE * (y - 0.25 + noise * g.nextNormal());
    return label;
  });
}
