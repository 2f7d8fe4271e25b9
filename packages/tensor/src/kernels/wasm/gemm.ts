import type { LinearArgs, MatmulArgs } from '../types.js';
import { align, type KernelInstance } from './instance.js';

/**
 * Block sizes: a K block of up to 800 (a packed B panel of kc × 8 floats, ≤ 25 KiB, mostly in L1
 * next to the A panel streaming from L2); ~128 rows of A per block (≤ 400 KiB, in L2). Measured on
 * Zen 4: one K block for (128,784,256) is 1-2% faster than three of 262 (fewer passes of loading
 * and storing C tiles); smaller blocks were no faster at 256³ or 1024³.
 */
const KC_MAX = 800;
const MC_MAX = 128;

/**
 * The K block (even blocks of at most KC_MAX) and the M block (a multiple of `mr`) for a product
 * of inner dimension `k`. A threaded product uses the same, so it sums in the same order.
 */
export function blockSizes(k: number, mr: number): { kc: number; mc: number } {
  const kBlocks = Math.ceil(k / KC_MAX);
  return { kc: Math.ceil(k / kBlocks), mc: MC_MAX - (MC_MAX % mr) };
}

/** The k = 0 product: zeros, or the bias on every row. */
export function emptyProduct(args: MatmulArgs | LinearArgs): void {
  const { m, n } = args;
  const out = args.out as Float32Array;
  const bias = 'bias' in args ? args.bias : null;
  out.fill(0, args.outOffset, args.outOffset + m * n);
  if (bias !== null)
    for (let i = 0; i < m; i++) out.set(bias.subarray(0, n), args.outOffset + i * n);
}

/**
 * `out = op(a)·op(b)` (+ `bias` on every row) for float32 operands (MatmulArgs / LinearArgs
 * semantics), in WebAssembly.
 */
export function matmulWasm(wasm: KernelInstance, args: MatmulArgs | LinearArgs): void {
  const { m, k, n, transA, transB } = args;
  const out = args.out as Float32Array;
  const bias = 'bias' in args ? args.bias : null;
  if (k === 0) {
    emptyProduct(args);
    return;
  }
  const { nr } = wasm.tile;
  const { kc, mc } = blockSizes(k, wasm.tile.mr);
  // Byte offsets: NR floats of zeros (bytes 32-63, written by gemm), an MR×NR scratch tile, A, B,
  // C, the bias, one packed A block, packed B.
  const scratch = 64;
  const a = 256;
  const b = align(a + 4 * m * k);
  const c = align(b + 4 * k * n);
  const biasAt = bias === null ? 0 : align(c + 4 * m * n);
  const pa = align(biasAt === 0 ? c + 4 * m * n : biasAt + 4 * n);
  const pb = align(pa + 4 * mc * kc);
  const view = wasm.reserve(pb + 4 * k * (Math.ceil(n / nr) * nr));
  view.set(args.a.subarray(args.aOffset, args.aOffset + m * k), a >> 2);
  view.set(args.b.subarray(args.bOffset, args.bOffset + k * n), b >> 2);
  if (bias !== null) view.set(bias.subarray(0, n), biasAt >> 2);
  const tA = transA ? 1 : 0;
  const tB = transB ? 1 : 0;
  wasm.exports.gemm(a, b, c, m, k, n, tA, tB, biasAt, pa, pb, scratch, kc, mc, 0, m, 0, n, 0);
  out.set(view.subarray(c >> 2, (c >> 2) + m * n), args.outOffset);
}
