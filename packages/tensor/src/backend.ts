import { jsKernels } from './kernels/js.js';
import type { Kernels } from './kernels/types.js';

let active: Kernels = jsKernels;

/** The kernels every op calls. */
export function kernels(): Kernels {
  return active;
}

/**
 * Chooses the kernels ops call, e.g. a WebAssembly SIMD backend. Returns the previous backend so
 * a caller (a benchmark, a test comparing backends) can restore it.
 */
export function setKernels(next: Kernels): Kernels {
  const previous = active;
  active = next;
  return previous;
}
