// A typed handle on a view's Web Worker. Errors inside the worker reach the page's console (so
// the end-to-end tests see them) and the view's error line.

export interface WorkerHandle<In, Out> {
  post(message: In, transfer?: Transferable[]): void;
  terminate(): void;
  readonly worker: Worker;
  onMessage: (message: Out) => void;
}

export function connect<In, Out>(
  worker: Worker,
  onError: (message: string) => void,
): WorkerHandle<In, Out> {
  const handle: WorkerHandle<In, Out> = {
    worker,
    onMessage: () => {},
    post: (message, transfer) => worker.postMessage(message, transfer ?? []),
    terminate: () => worker.terminate(),
  };
  worker.onmessage = (e: MessageEvent<Out>) => handle.onMessage(e.data);
  worker.onerror = (e) => {
    const text = `worker error: ${e.message}`;
    console.error(text);
    onError(text);
  };
  worker.onmessageerror = () => onError('a message from the worker could not be read');
  return handle;
}
