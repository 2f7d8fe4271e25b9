import type { AdamArgs } from '../types.js';
import { align, type KernelInstance } from './instance.js';

// Each kernel lays its arrays out from byte 0, each starting on a 64-byte boundary and padded
// to whole f32x4 vectors (the kernels compute whole vectors; the padding lanes are never read back).

/** `out = relu(x)` for float32 arrays. */
export function reluWasm(wasm: KernelInstance, x: Float32Array, out: Float32Array): void {
  const n = x.length;
  const bytes = align(4 * n);
  const view = wasm.reserve(2 * bytes);
  view.set(x, 0);
  wasm.exports.relu(0, bytes, n);
  out.set(view.subarray(bytes >> 2, (bytes >> 2) + n));
}

/** `out = x > 0 ? g : 0` for float32 arrays. */
export function reluGradWasm(
  wasm: KernelInstance,
  x: Float32Array,
  g: Float32Array,
  out: Float32Array,
): void {
  const n = x.length;
  const bytes = align(4 * n);
  const view = wasm.reserve(3 * bytes);
  view.set(x, 0);
  view.set(g, bytes >> 2);
  wasm.exports.reluGrad(0, bytes, 2 * bytes, n);
  out.set(view.subarray((2 * bytes) >> 2, ((2 * bytes) >> 2) + n));
}

/** Adam's step over float32 arrays (AdamArgs semantics): four arrays in, three back out. */
export function adamWasm(wasm: KernelInstance, args: AdamArgs): void {
  const { param, grad, expAvg, expAvgSq } = args;
  const n = param.length;
  const bytes = align(4 * n);
  const [p, g, m, v] = [0, bytes, 2 * bytes, 3 * bytes];
  const view = wasm.reserve(4 * bytes);
  view.set(param, p >> 2);
  view.set(grad, g >> 2);
  view.set(expAvg, m >> 2);
  view.set(expAvgSq, v >> 2);
  wasm.exports.adam(
    p,
    g,
    m,
    v,
    n,
    args.beta1,
    args.beta2,
    args.stepSize,
    args.inverseCorrection2Sqrt,
    args.eps,
    args.weightDecay,
    args.maximize ? -1 : 1,
  );
  param.set(view.subarray(p >> 2, (p >> 2) + n));
  expAvg.set(view.subarray(m >> 2, (m >> 2) + n));
  expAvgSq.set(view.subarray(v >> 2, (v >> 2) + n));
}
