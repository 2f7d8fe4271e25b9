// Giving the event loop a turn from inside the training loop, without node:timers, so the
// main entry point stays browser-safe. A resolved promise is not enough: it only runs other
// microtasks, while an AbortController fired by a timer, a signal handler or a click is a task.

type Schedule = (run: () => void) => void;

const host = globalThis as {
  setImmediate?: (run: () => void) => unknown;
  setTimeout: (run: () => void, ms: number) => unknown;
};

/** Node's `setImmediate` (no delay); elsewhere `setTimeout(0)`, which browsers clamp to ≥ 1 ms. */
const schedule: Schedule =
  typeof host.setImmediate === 'function'
    ? (run) => host.setImmediate!(run)
    : (run) => host.setTimeout(run, 0);

/** Resolves after pending tasks (timers, I/O, UI events) have had a chance to run. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => schedule(resolve));
}

/** A monotonic clock in milliseconds (`performance.now()` in Node and browsers). */
export function now(): number {
  return performance.now();
}
