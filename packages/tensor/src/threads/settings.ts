import { ArgumentError } from '../errors.js';

/** More threads than this is a mistake, not a machine (and each one reserves a worker). */
export const MAX_THREADS = 64;

let requested = 1;
const listeners = new Set<(threads: number) => void>();

/**
 * Sets how many threads a large float32 matrix product may use (like `torch.set_num_threads`):
 * the calling thread and up to `n - 1` helper workers, each computing its own block of the
 * output over shared WebAssembly memory. The default is 1. Products stay synchronous: the caller
 * computes its block and waits for the helpers. Helpers start lazily, on the first product large
 * enough to share (or on `threadsReady()`), and never keep a Node process alive; until they are
 * up, and wherever threads are unavailable (no SharedArrayBuffer, i.e. a page that is not
 * cross-origin isolated, or a browser's main thread, which may not block), products run on one
 * thread. Results are the same, bit for bit, for every thread count.
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
    throw new ArgumentError(
      'setNumThreads',
      `expected an integer from 1 to ${MAX_THREADS} threads, got ${n}`,
    );
  }
  if (n === requested) return;
  requested = n;
  for (const listener of listeners) listener(n);
}

/** The thread count `setNumThreads` set (1 by default), whether or not the helpers are up yet. */
export function getNumThreads(): number {
  return requested;
}

/** Calls `listener` with the new count whenever `setNumThreads` changes it. */
export function onNumThreadsChange(listener: (threads: number) => void): void {
  listeners.add(listener);
}
