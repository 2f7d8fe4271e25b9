import type { MatmulArgs } from '../types.js';
import { gemmRelaxed, gemmSimd } from './binary.generated.js';
import { decodeBase64 } from './features.js';

/** The module's `gemm` export (see wasm/gemm.mjs for the parameters). */
type GemmExport = (
  a: number,
  b: number,
  c: number,
  m: number,
  k: number,
  n: number,
  transA: number,
  transB: number,
  pa: number,
  pb: number,
  scratch: number,
  kcMax: number,
  mcMax: number,
) => void;

/**
 * Block sizes: a K block of up to 384 keeps a packed B panel (kc × 8 floats, 12 KiB) in L1 next
 * to the A panel it meets; 128 rows of A per block (kc × 128 floats, ≤ 192 KiB) stay in L2.
 * Measured on Zen 4: within 2% of the best choice for each benchmark shape.
 */
const KC_MAX = 384;
const MC_MAX = 128;
const PAGE = 65536;

/**
 * One instance of the float32 product with its own linear memory, used as a scratch area that
 * grows to the largest product seen and is reused: operands are copied in, packed and multiplied
 * there, and the result copied out. Copying costs a few percent of a product of any size worth
 * sending here (see `WASM_MIN_MULADDS`).
 */
export class WasmGemm {
  private readonly gemm: GemmExport;
  private readonly memory: WebAssembly.Memory;
  private view: Float32Array;

  constructor(relaxed: boolean) {
    this.memory = new WebAssembly.Memory({ initial: 16 });
    const module = new WebAssembly.Module(decodeBase64(relaxed ? gemmRelaxed : gemmSimd));
    const instance = new WebAssembly.Instance(module, { env: { memory: this.memory } });
    this.gemm = instance.exports.gemm as GemmExport;
    this.view = new Float32Array(this.memory.buffer);
  }

  /** `out = op(a)·op(b)` for float32 operands (MatmulArgs semantics). */
  run(args: MatmulArgs): void {
    const { m, k, n, transA, transB } = args;
    const out = args.out as Float32Array;
    if (k === 0) {
      out.fill(0, args.outOffset, args.outOffset + m * n);
      return;
    }
    const kBlocks = Math.ceil(k / KC_MAX);
    const kc = Math.ceil(k / kBlocks);
    // Byte offsets, each 64-byte aligned: scratch tile, A, B, C, packed A block, packed B.
    const scratch = 0;
    const a = 128;
    const b = align(a + 4 * m * k);
    const c = align(b + 4 * k * n);
    const pa = align(c + 4 * m * n);
    const pb = align(pa + 4 * MC_MAX * kc);
    const end = pb + 4 * k * (Math.ceil(n / 8) * 8);
    const view = this.reserve(end);
    view.set(args.a.subarray(args.aOffset, args.aOffset + m * k), a >> 2);
    view.set(args.b.subarray(args.bOffset, args.bOffset + k * n), b >> 2);
    this.gemm(a, b, c, m, k, n, transA ? 1 : 0, transB ? 1 : 0, pa, pb, scratch, kc, MC_MAX);
    out.set(view.subarray(c >> 2, (c >> 2) + m * n), args.outOffset);
  }

  /** The memory as floats, grown to at least `bytes` first. Growing detaches the old view. */
  private reserve(bytes: number): Float32Array {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE));
    if (this.view.buffer !== this.memory.buffer) this.view = new Float32Array(this.memory.buffer);
    return this.view;
  }
}

function align(bytes: number): number {
  return (bytes + 63) & ~63;
}
