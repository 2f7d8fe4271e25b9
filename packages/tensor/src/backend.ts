import { jsKernels } from './kernels/js.js';
import type { Kernels } from './kernels/types.js';
import { wasmKernels } from './kernels/wasm/backend.js';

/** Null until the first op asks, so importing the package compiles nothing. */
let active: Kernels | null = null;

/**
 * The kernels every op calls. Unless `setKernels` chose others, the first call picks the fastest
 * the runtime supports: WebAssembly with relaxed SIMD, then WebAssembly SIMD, then TypeScript.
 */
export function kernels(): Kernels {
  if (active === null) active = wasmKernels() ?? jsKernels;
  return active;
}

/**
 * Chooses the kernels ops call, e.g. `jsKernels` or `wasmKernels({ relaxed: false })`. Returns
 * the previous backend so a caller (a benchmark, a test comparing backends) can restore it.
 */
export function setKernels(next: Kernels): Kernels {
  const previous = kernels();
  active = next;
  return previous;
}
