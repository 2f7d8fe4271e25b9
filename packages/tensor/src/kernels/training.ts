// Kernels of the training step that are not ops of their own: ReLU's gradient and Adam's
// update, one pass each over arrays as large as the layers.
import type { FloatArray } from '../dtype.js';
import type { AdamArgs } from './types.js';

/** Adam's step in plain TypeScript: the fallback and the oracle of the WebAssembly kernel. */
export function adamJs(args: AdamArgs): void {
  const { param, grad, expAvg, expAvgSq, beta1, beta2, stepSize, eps, weightDecay } = args;
  const ic = args.inverseCorrection2Sqrt;
  const sign = args.maximize ? -1 : 1;
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  const n = param.length;
  for (let i = 0; i < n; i++) {
    const w = param[i]!;
    const g = sign * grad[i]! + weightDecay * w;
    expAvg[i] = beta1 * expAvg[i]! + c1 * g;
    expAvgSq[i] = beta2 * expAvgSq[i]! + c2 * g * g;
    // Read back what the buffers hold, so a float32 run uses the rounded state, as torch does.
    param[i] = w - (stepSize * expAvg[i]!) / (Math.sqrt(expAvgSq[i]!) * ic + eps);
  }
}

/** `out = x > 0 ? g : 0`. */
export function reluGradJs(x: FloatArray, g: FloatArray, out: FloatArray): void {
  for (let i = 0; i < out.length; i++) out[i] = x[i]! > 0 ? g[i]! : 0;
}
