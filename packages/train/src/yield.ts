// Giving the event loop a turn from inside the training loop, without node:timers, so the
// main entry point stays browser-safe. A resolved promise is not enough: it only runs other
// microtasks, while an AbortController fired by a timer, a signal handler or a click is a task.

type Schedule = (run: () => void) => void;

interface Port {
  onmessage: ((event: unknown) => void) | null;
  postMessage(message: unknown): void;
}

const host = globalThis as unknown as {
  setImmediate?: (run: () => void) => unknown;
  MessageChannel?: new () => { port1: Port; port2: Port };
  setTimeout: (run: () => void, ms: number) => unknown;
};

/**
 * Node's `setImmediate`; in browsers a `MessageChannel` message, which (unlike `setTimeout(0)`,
 * clamped to 4 ms once nested) comes back as soon as pending tasks have run.
 */
function pickSchedule(): Schedule {
  if (typeof host.setImmediate === 'function') return (run) => host.setImmediate!(run);
  if (typeof host.MessageChannel === 'function') {
    const channel = new host.MessageChannel();
    const waiting: (() => void)[] = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    return (run) => {
      waiting.push(run);
      channel.port2.postMessage(null);
    };
  }
  return (run) => host.setTimeout(run, 0);
}

let schedule: Schedule | null = null;

/** Resolves after pending tasks (timers, I/O, UI events) have had a chance to run. */
export function yieldToEventLoop(): Promise<void> {
  schedule ??= pickSchedule();
  const s = schedule;
  return new Promise((resolve) => s(resolve));
}

/** A monotonic clock in milliseconds (`performance.now()` in Node and browsers). */
export function now(): number {
  return performance.now();
}
