import { threadsAvailable } from '../../threads/available.js';
import { HelperFailure, HelperPool } from '../../threads/pool.js';
import { getNumThreads, onNumThreadsChange } from '../../threads/settings.js';
import type { LinearArgs, MatmulArgs } from '../types.js';
import { blockSizes } from './gemm.js';
import { align, type GemmArgs, KernelInstance, SHARED_MAX_BYTES } from './instance.js';
import { splitOutput } from './split.js';

/** Bytes per thread before the operands: a row of NR zeros at +32 and an MR×NR edge tile at +64. */
const THREAD_HEADER = 256;

/** The flag (in thread 0's header) the helpers wait on before reading A: set once A is in. */
const OPERANDS_READY = 16;

/**
 * A helper that has not finished this long after the caller finished its own, equal share is
 * not coming back (a healthy one on a busy machine is late by scheduling slices, not seconds).
 */
const timeoutMs = (ownMs: number) => 2000 + 50 * ownMs;

/**
 * Floating-point operations a thread does in the time the caller copies one byte into or out of
 * shared memory: ~45 GFLOP/s per thread against ~15 GB/s (V8 copies into a SharedArrayBuffer
 * word by word; measured on Zen 4: 1.2 MB in 81 µs, against 32 µs into private memory).
 */
const FLOPS_PER_COPIED_BYTE = 3;

/** Helper jobs that may throw before threads are turned off. */
const MAX_THROWS = 3;

/**
 * The float32 product shared between the calling thread and helper workers, in a shared
 * WebAssembly memory: the caller copies B in, posts each helper its block of the output
 * (splitOutput), copies A in (the helpers pack B meanwhile, then wait for A), computes its own
 * block, waits for the helpers and copies the result out.
 * Every block runs the same `gemm` with the same K blocks, so the result equals the one-thread
 * product bit for bit. Created lazily per instruction set; `run` returns false whenever the
 * product should run on one thread instead (threads unavailable or not started yet, too few
 * tiles, too large for the shared memory, or a helper that failed, after which threads stay off).
 */
export class ThreadedGemm {
  /** Undefined until first needed; null where shared memory cannot be made. */
  private kernels: { instance: KernelInstance; pool: HelperPool } | null | undefined;
  private failed = false;
  /** Helper jobs that threw so far; at MAX_THROWS threads are turned off. */
  private throws = 0;

  constructor(private readonly relaxed: boolean) {
    onNumThreadsChange(() => this.kernels?.pool.stop());
  }

  /** Starts the helpers setNumThreads asked for; resolves to the threads a product can use. */
  async start(): Promise<number> {
    const wanted = getNumThreads();
    const kernels = wanted > 1 ? this.prepare() : null;
    if (kernels === null) return 1;
    const ready = await kernels.pool.start(wanted - 1);
    return this.failed ? 1 : 1 + Math.min(ready, getNumThreads() - 1);
  }

  /** Computes the product over the threads available now; false if it did not. */
  run(args: MatmulArgs | LinearArgs): boolean {
    const wanted = getNumThreads();
    if (wanted === 1 || args.k === 0) return false;
    const kernels = this.prepare();
    if (kernels === null) return false;
    const ready = kernels.pool.ready();
    if (ready === 0) {
      // The first product that could share starts the helpers and runs alone meanwhile.
      void kernels.pool.start(wanted - 1);
      return false;
    }
    return this.share(kernels, args, 1 + Math.min(ready, wanted - 1));
  }

  private prepare(): { instance: KernelInstance; pool: HelperPool } | null {
    if (this.failed || !threadsAvailable()) return null;
    if (this.kernels === undefined) {
      try {
        const instance = new KernelInstance(this.relaxed, true);
        this.kernels = { instance, pool: new HelperPool(instance) };
      } catch {
        this.kernels = null;
      }
    }
    return this.kernels;
  }

  private share(
    { instance, pool }: { instance: KernelInstance; pool: HelperPool },
    args: MatmulArgs | LinearArgs,
    threads: number,
  ): boolean {
    const { m, k, n, transA, transB } = args;
    const { mr, nr } = instance.tile;
    // What the caller copies while the helpers already compute (A, its own rows of a transposed
    // B) and after they are done (C), as a fraction of the product's time on one thread.
    const lagBytes = 4 * (m * k + m * n + (transB ? (k * n) / threads : 0));
    const lag = (FLOPS_PER_COPIED_BYTE * lagBytes) / (2 * m * k * n);
    const blocks = splitOutput(m, n, instance.tile, threads, lag);
    if (blocks.length < 2) return false;
    const bias = 'bias' in args ? args.bias : null;
    const { kc, mc } = blockSizes(k, mr);
    // Byte offsets: each thread's zeros and edge tile, A, B, C, the bias, then each thread's
    // packed A block and packed B columns.
    const a = align(THREAD_HEADER * blocks.length);
    const b = align(a + 4 * m * k);
    const c = align(b + 4 * k * n);
    const biasAt = bias === null ? 0 : align(c + 4 * m * n);
    let end = biasAt === 0 ? c + 4 * m * n : biasAt + 4 * n;
    const calls = blocks.map((block, t) => {
      const pa = align(end);
      const pb = align(pa + 4 * mc * kc);
      end = pb + 4 * k * Math.ceil((block.colEnd - block.colStart) / nr) * nr;
      const scratch = t * THREAD_HEADER + 64;
      const { rowStart, rowEnd, colStart, colEnd } = block;
      const [tA, tB] = [transA ? 1 : 0, transB ? 1 : 0];
      const call: GemmArgs = [
        a,
        b,
        c,
        m,
        k,
        n,
        tA,
        tB,
        biasAt,
        pa,
        pb,
        scratch,
        kc,
        mc,
        rowStart,
        rowEnd,
        colStart,
        colEnd,
        t === 0 ? 0 : OPERANDS_READY,
      ];
      return call;
    });
    if (end > SHARED_MAX_BYTES) return false;
    let view: Float32Array;
    try {
      view = instance.reserve(end);
    } catch {
      return false; // the runtime would not grow the shared memory (no address space left)
    }
    // Copying into shared memory is the part only this thread can do (and V8 copies into a
    // SharedArrayBuffer word by word, ~2.5× slower than into private memory), so the helpers
    // start once B is in, on packing their columns of it, while A and the bias follow. With B
    // stored transposed and split by columns, the helpers' columns are its last rows: those go
    // first, the caller's own rows after.
    const ints = instance.int32();
    Atomics.store(ints, OPERANDS_READY >> 2, 0);
    const later = transB && blocks[1]!.colStart > 0 ? blocks[1]!.colStart * k : 0;
    view.set(args.b.subarray(args.bOffset + later, args.bOffset + k * n), (b >> 2) + later);
    const jobs = calls.slice(1).map((call, helper) => pool.post(helper, call));
    try {
      view.set(args.b.subarray(args.bOffset, args.bOffset + later), b >> 2);
      view.set(args.a.subarray(args.aOffset, args.aOffset + m * k), a >> 2);
      if (bias !== null) view.set(bias.subarray(0, n), biasAt >> 2);
    } finally {
      Atomics.store(ints, OPERANDS_READY >> 2, 1);
      Atomics.notify(ints, OPERANDS_READY >> 2);
    }
    const t0 = performance.now();
    instance.exports.gemm(...calls[0]!);
    const ownMs = performance.now() - t0;
    // Every helper is waited for, even after one failed: none may still be writing into the
    // memory when the next product is laid out there.
    let failure: HelperFailure | null = null;
    for (let helper = 0; helper < jobs.length; helper++) {
      try {
        pool.wait(helper, jobs[helper]!, timeoutMs(ownMs));
      } catch (error) {
        if (!(error instanceof HelperFailure)) throw error;
        if (failure === null || error.kind === 'late') failure = error;
      }
    }
    if (failure !== null) {
      // A late helper may write at any time, so threads end here. A job that threw (which a
      // helper that had not yet seen the memory grow could do) is forgiven a few times.
      if (failure.kind === 'late' || ++this.throws >= MAX_THROWS) this.giveUp(failure.message);
      return false;
    }
    (args.out as Float32Array).set(view.subarray(c >> 2, (c >> 2) + m * n), args.outOffset);
    return true;
  }

  /**
   * Turns threads off for good and says so once; products run on one thread, in the private
   * memory, which no helper can reach.
   */
  private giveUp(reason: string): void {
    this.failed = true;
    this.kernels?.pool.stop();
    console.warn(`@nabla/tensor: matmul runs on one thread from now on: ${reason}`);
  }
}
