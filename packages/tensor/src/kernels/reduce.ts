import type { ReduceKernel } from './types.js';

/**
 * Sums in double precision whatever the dtype, so float32 sums of many terms stay accurate.
 * The inner loop runs along memory (`inner` contiguous values) for cache-friendly access.
 */
export const sumKernel: ReduceKernel = (x, out, outer, length, inner) => {
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      let acc = 0;
      const base = o * length;
      for (let r = 0; r < length; r++) acc += x[base + r]!;
      out[o] = acc;
    }
    return;
  }
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(0);
    const base = o * length * inner;
    for (let r = 0; r < length; r++) {
      const row = base + r * inner;
      for (let i = 0; i < inner; i++) acc[i]! += x[row + i]!;
    }
    out.set(acc, o * inner);
  }
};

/**
 * Max/min and their indices. NaN wins, as in PyTorch and NumPy, so a NaN is never hidden by a
 * reduction; among equal values the first index wins.
 */
function extremum(
  better: (v: number, best: number) => boolean,
  returnIndex: boolean,
): ReduceKernel {
  return (x, out, outer, length, inner) => {
    for (let o = 0; o < outer; o++) {
      const base = o * length * inner;
      for (let i = 0; i < inner; i++) {
        let best = x[base + i]!;
        let bestIndex = 0;
        if (best === best) {
          for (let r = 1; r < length; r++) {
            const v = x[base + r * inner + i]!;
            if (v !== v) {
              best = v;
              bestIndex = r;
              break;
            }
            if (better(v, best)) {
              best = v;
              bestIndex = r;
            }
          }
        }
        out[o * inner + i] = returnIndex ? bestIndex : best;
      }
    }
  };
}

export const maxKernel = extremum((v, best) => v > best, false);
export const minKernel = extremum((v, best) => v < best, false);
export const argmaxKernel = extremum((v, best) => v > best, true);
export const argminKernel = extremum((v, best) => v < best, true);
