// The few members of a dedicated worker's global scope the workers use. The project's TypeScript
// settings carry the DOM library (for the page), whose `self` is a Window; this names the
// worker's side without pulling in the WebWorker library, which conflicts with DOM.

export interface WorkerScope<In, Out> {
  postMessage(message: Out, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<In>) => void) | null;
}

export function workerScope<In, Out>(): WorkerScope<In, Out> {
  return globalThis as unknown as WorkerScope<In, Out>;
}

/** Reports an exception as a message (it would otherwise only reach the worker's console). */
export function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
