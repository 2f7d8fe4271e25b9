import {
  kernelsRelaxed,
  kernelsRelaxedShared,
  kernelsSimd,
  kernelsSimdShared,
} from './binary.generated.js';
import { decodeBase64 } from './features.js';

/** The module's exports (see wasm/gemm.mjs and wasm/elementwise.mjs for the parameters). */
export interface KernelExports {
  gemm(
    a: number,
    b: number,
    c: number,
    m: number,
    k: number,
    n: number,
    transA: number,
    transB: number,
    bias: number,
    pa: number,
    pb: number,
    scratch: number,
    kcMax: number,
    mcMax: number,
    rowStart: number,
    rowEnd: number,
    colStart: number,
    colEnd: number,
    ready: number,
  ): void;
  adam(
    p: number,
    g: number,
    m: number,
    v: number,
    n: number,
    beta1: number,
    beta2: number,
    step: number,
    ic: number,
    eps: number,
    wd: number,
    sign: number,
  ): void;
  relu(x: number, out: number, n: number): void;
  reluGrad(x: number, g: number, out: number, n: number): void;
}

/** The arguments of `gemm`, in order. */
export type GemmArgs = Parameters<KernelExports['gemm']>;

const PAGE = 65536;

/** The shared memory's maximum in pages; wasm/kernels.mjs's SHARED_MAX_PAGES (a test checks). */
export const SHARED_MAX_PAGES = 16384;

/** The largest memory, in bytes, a shared instance can grow to. */
export const SHARED_MAX_BYTES = SHARED_MAX_PAGES * PAGE;

/**
 * One instance of the kernels module with its own linear memory, used as a scratch area: each
 * kernel call copies its operands in, computes there and copies the result out (a native memcpy,
 * ~60-100 GB/s here, a few percent of any call worth sending here). The memory grows to the
 * largest call seen and is reused. A `shared` instance's memory is a shared WebAssembly memory
 * (growable up to SHARED_MAX_BYTES), which helper threads instantiate `module` over to compute
 * parts of one product; constructing one throws where the runtime has no shared memory.
 */
export class KernelInstance {
  readonly exports: KernelExports;
  /** The product's register tile, rows of A × columns of B (wasm/gemm.mjs's TILES). */
  readonly tile: { readonly mr: number; readonly nr: number };
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  private view: Float32Array;
  private ints: Int32Array | undefined;

  constructor(relaxed: boolean, shared = false) {
    this.memory = shared
      ? new WebAssembly.Memory({ initial: 16, maximum: SHARED_MAX_PAGES, shared: true })
      : new WebAssembly.Memory({ initial: 16 });
    const bytes = shared
      ? relaxed
        ? kernelsRelaxedShared
        : kernelsSimdShared
      : relaxed
        ? kernelsRelaxed
        : kernelsSimd;
    this.module = new WebAssembly.Module(decodeBase64(bytes));
    const instance = new WebAssembly.Instance(this.module, { env: { memory: this.memory } });
    this.exports = instance.exports as unknown as KernelExports;
    this.view = new Float32Array(this.memory.buffer);
    this.tile = { mr: 4, nr: 8 };
  }

  /** The memory as int32s for Atomics (valid until the memory next grows). */
  int32(): Int32Array {
    if (this.ints?.buffer !== this.memory.buffer) this.ints = new Int32Array(this.memory.buffer);
    return this.ints;
  }

  /** The memory as floats, grown to at least `bytes` first. Growing detaches the old view. */
  reserve(bytes: number): Float32Array {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE));
    if (this.view.buffer !== this.memory.buffer) this.view = new Float32Array(this.memory.buffer);
    return this.view;
  }
}

/** Rounds a byte offset up to a multiple of 64 (a cache line, and 16 for v128 loads). */
export function align(bytes: number): number {
  return (bytes + 63) & ~63;
}
