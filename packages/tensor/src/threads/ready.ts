import { kernels } from '../backend.js';
import { threadedProductOf } from '../kernels/wasm/backend.js';

/**
 * Starts the helper workers `setNumThreads` asked for, for the active kernels, and resolves to
 * how many threads a large product can use now: `getNumThreads()` once they are up, 1 with the
 * TypeScript kernels or where threads are unavailable. Optional: the first large product starts
 * them anyway (and runs on one thread until they are up); await this first to measure, or to
 * have every product of a run shared.
 */
export function threadsReady(): Promise<number> {
  const threaded = threadedProductOf(kernels());
  return threaded === undefined ? Promise.resolve(1) : threaded.start();
}
