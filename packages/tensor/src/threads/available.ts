import { canSpawn } from './spawn.js';

let found: boolean | undefined;

/**
 * Whether this thread can share a product with helpers: SharedArrayBuffer exists (in browsers,
 * only on cross-origin isolated pages), Atomics.wait may block here (not on a browser's main
 * thread), and workers can be started. Detected once.
 */
export function threadsAvailable(): boolean {
  if (found === undefined) found = detect();
  return found;
}

function detect(): boolean {
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') return false;
  try {
    // Returns 'not-equal' at once where waiting is allowed; throws where it is not.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
  } catch {
    return false;
  }
  return canSpawn();
}
