import type { FloatArray } from '../../dtype.js';
import { jsKernels } from '../js.js';
import { linearJs, matmulJs } from '../matmul.js';
import { adamJs, reluGradJs } from '../training.js';
import type { AdamArgs, Kernels, LinearArgs, MatmulArgs } from '../types.js';
import { adamWasm, reluGradWasm, reluWasm } from './elementwise.js';
import { wasmFeatures } from './features.js';
import { matmulWasm } from './gemm.js';
import { KernelInstance } from './instance.js';
import { ThreadedGemm } from './threaded.js';

/**
 * Below this many multiply-adds (m·k·n) a product stays in TypeScript: copying the operands into
 * wasm memory and packing them costs more than the arithmetic saves. Measured on Zen 4: even at
 * 8×8×8; twice as fast at 10×8×8; 6× at 16×16×16.
 */
export const WASM_MIN_MULADDS = 512;

/**
 * From this many multiply-adds (m·k·n) a product is shared between threads when setNumThreads
 * allows. Measured with 2 threads on Zen 4 (fastest of many single products, so the least
 * disturbed by other load): 0.55× at 48³ and (128,10,128), 1.0× at 96³ (~0.9 M), 1.27× at 128³,
 * 1.35× at (128,256,128), 1.76× at (256,128,784). Below ~1 M the copies into shared memory, the
 * hand-over and the wait cost what the second thread saves.
 */
export const THREADED_MIN_MULADDS = 1 << 20;

/**
 * Below this many elements an elementwise pass stays in TypeScript (the copies in and out, and
 * the call, cost more than the loop saves).
 */
const WASM_MIN_ELEMENTS = 1024;

export interface WasmKernelsOptions {
  /** Use relaxed SIMD's fused multiply-add; default: whenever the runtime has it. */
  relaxed?: boolean;
}

const cache = new Map<boolean, Kernels>();

/** The threaded product behind each backend `wasmKernels` made, for `threadsReady`. */
const threadedProducts = new WeakMap<Kernels, ThreadedGemm>();

/** The threaded product of `backend`, if it is one of `wasmKernels`' backends. */
export function threadedProductOf(backend: Kernels): ThreadedGemm | undefined {
  return threadedProducts.get(backend);
}

const isF32 = (x: FloatArray): x is Float32Array => x instanceof Float32Array;

/**
 * The WebAssembly SIMD backend: `jsKernels`, with these float32 kernels in WebAssembly: matrix
 * products of every layout (packed panels, a 4×8 f32x4 register tile), with a bias (`linear`),
 * ReLU and its gradient, and Adam's update. Float64 and small inputs use the TypeScript kernels. Null where the runtime
 * has no SIMD (or, with `relaxed: true`, no relaxed SIMD) or refuses to compile WebAssembly (a
 * strict CSP).
 */
export function wasmKernels(options: WasmKernelsOptions = {}): Kernels | null {
  const features = wasmFeatures();
  const relaxed = options.relaxed ?? features.relaxedSimd;
  if (!features.simd || (relaxed && !features.relaxedSimd)) return null;
  let kernels = cache.get(relaxed);
  if (kernels === undefined) {
    let wasm: KernelInstance;
    try {
      wasm = new KernelInstance(relaxed);
    } catch {
      return null;
    }
    const reluJs = jsKernels.unary.relu;
    const threaded = new ThreadedGemm(relaxed);
    /** The float32 product in WebAssembly: shared between threads when large enough. */
    const product = (args: MatmulArgs | LinearArgs) => {
      const big = args.m * args.k * args.n >= THREADED_MIN_MULADDS;
      if (!(big && threaded.run(args))) matmulWasm(wasm, args);
    };
    kernels = {
      ...jsKernels,
      name: relaxed ? 'wasm-relaxed-simd' : 'wasm-simd',
      unary: {
        ...jsKernels.unary,
        relu(x, out) {
          if (
            x instanceof Float32Array &&
            out instanceof Float32Array &&
            x.length >= WASM_MIN_ELEMENTS
          ) {
            reluWasm(wasm, x, out);
          } else {
            reluJs(x, out);
          }
        },
      },
      matmul(args: MatmulArgs) {
        if (isF32(args.out) && args.m * args.k * args.n >= WASM_MIN_MULADDS) product(args);
        else matmulJs(args);
      },
      linear(args: LinearArgs) {
        const biasOk = args.bias === null || isF32(args.bias);
        if (isF32(args.out) && biasOk && args.m * args.k * args.n >= WASM_MIN_MULADDS) {
          product(args);
        } else {
          linearJs(args);
        }
      },
      reluGrad(x, g, out) {
        if (isF32(x) && isF32(g) && isF32(out) && x.length >= WASM_MIN_ELEMENTS) {
          reluGradWasm(wasm, x, g, out);
        } else {
          reluGradJs(x, g, out);
        }
      },
      adam(args: AdamArgs) {
        const { param, grad, expAvg, expAvgSq } = args;
        if (
          isF32(param) &&
          isF32(grad) &&
          isF32(expAvg) &&
          isF32(expAvgSq) &&
          param.length >= WASM_MIN_ELEMENTS
        ) {
          adamWasm(wasm, args);
        } else {
          adamJs(args);
        }
      },
    };
    cache.set(relaxed, kernels);
    threadedProducts.set(kernels, threaded);
  }
  return kernels;
}
