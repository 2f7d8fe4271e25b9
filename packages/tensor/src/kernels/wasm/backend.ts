import { jsKernels } from '../js.js';
import { matmulJs } from '../matmul.js';
import type { Kernels, MatmulArgs } from '../types.js';
import { wasmFeatures } from './features.js';
import { WasmGemm } from './gemm.js';

/**
 * Below this many multiply-adds (m·k·n) a product stays in TypeScript: copying the operands into
 * wasm memory and packing them costs more than the arithmetic saves. Measured on Zen 4: even at
 * 8×8×8; twice as fast at 10×8×8; 6× at 16×16×16.
 */
export const WASM_MIN_MULADDS = 512;

export interface WasmKernelsOptions {
  /** Use relaxed SIMD's fused multiply-add; default: whenever the runtime has it. */
  relaxed?: boolean;
}

const cache = new Map<boolean, Kernels>();

/**
 * The WebAssembly SIMD backend: every kernel of `jsKernels`, with float32 matrix products of
 * any layout in WebAssembly (packed panels, a 4×8 f32x4 register tile). Float64 and small
 * products use the TypeScript kernel. Null where the runtime has no SIMD (or, with
 * `relaxed: true`, no relaxed SIMD) or refuses to compile WebAssembly (a strict CSP).
 */
export function wasmKernels(options: WasmKernelsOptions = {}): Kernels | null {
  const features = wasmFeatures();
  const relaxed = options.relaxed ?? features.relaxedSimd;
  if (!features.simd || (relaxed && !features.relaxedSimd)) return null;
  let kernels = cache.get(relaxed);
  if (kernels === undefined) {
    let gemm: WasmGemm;
    try {
      gemm = new WasmGemm(relaxed);
    } catch {
      return null;
    }
    kernels = {
      ...jsKernels,
      name: relaxed ? 'wasm-relaxed-simd' : 'wasm-simd',
      matmul(args: MatmulArgs) {
        if (args.out instanceof Float32Array && args.m * args.k * args.n >= WASM_MIN_MULADDS) {
          gemm.run(args);
        } else {
          matmulJs(args);
        }
      },
    };
    cache.set(relaxed, kernels);
  }
  return kernels;
}
