import { useEffect, useRef, useState } from 'preact/hooks';
import { connect, type WorkerHandle } from './worker-client';

/**
 * Starts a view's worker when the view mounts and ends it when the view goes: only the visible
 * view computes. Returns the handle (null before the first render's effect) and the last error.
 */
export function useWorker<In, Out>(
  create: () => Worker,
  onMessage: (message: Out) => void,
): {
  handle: WorkerHandle<In, Out> | null;
  error: string | null;
  setError: (e: string | null) => void;
} {
  const [handle, setHandle] = useState<WorkerHandle<In, Out> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const listener = useRef(onMessage);
  listener.current = onMessage;
  useEffect(() => {
    const h = connect<In, Out>(create(), setError);
    h.onMessage = (m) => listener.current(m);
    setHandle(h);
    return () => h.terminate();
  }, []);
  return { handle, error, setError };
}
