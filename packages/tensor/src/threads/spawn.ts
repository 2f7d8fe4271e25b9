// Starting a helper worker in Node (worker_threads) or a browser (Web Workers), from the constant
// source in helper-source.ts. The package's main entry must load in browsers, so Node's module
// is imported dynamically, under a name bundlers do not try to resolve.
import { BROWSER_HELPER_SOURCE, type HelperInit, NODE_HELPER_SOURCE } from './helper-source.js';

/** A started helper; `terminate` stops it wherever it is (a sleeping or computing helper too). */
export interface Helper {
  terminate(): void;
}

/** The parts of Node's Worker (worker_threads) used here. */
interface NodeWorker {
  unref(): void;
  terminate(): Promise<number>;
  once(event: 'message', listener: (error: string | null) => void): void;
  once(event: 'error', listener: (error: Error) => void): void;
  once(event: 'exit', listener: (code: number) => void): void;
}
interface NodeWorkerThreads {
  Worker: new (
    source: string,
    options: { eval: true; workerData: HelperInit; name: string },
  ) => NodeWorker;
}

/** The parts of the browser's Worker used here. */
interface WebWorker {
  postMessage(message: HelperInit): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: { data: string | null }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
}
interface BrowserGlobals {
  Worker?: new (url: string, options: { name: string }) => WebWorker;
  Blob?: new (parts: string[], options: { type: string }) => object;
  URL?: { createObjectURL(blob: object): string; revokeObjectURL(url: string): void };
}

const nodeWorkerThreads = 'node:worker_threads';

/** Whether this runtime is Node (or one that emulates its worker_threads, like Bun and Deno). */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/** Whether this runtime can start helper workers at all. */
export function canSpawn(): boolean {
  if (isNode()) return true;
  const g = globalThis as BrowserGlobals;
  return typeof g.Worker === 'function' && typeof g.Blob === 'function' && g.URL !== undefined;
}

/**
 * Starts a helper; resolves once it has instantiated the module (its READY flag is set by then),
 * rejects if it could not start. `lost` is called if a started helper dies (an uncaught error,
 * or the runtime ending its thread). A Node helper is unref'd: it never keeps the process alive.
 */
export async function spawnHelper(init: HelperInit, lost: () => void): Promise<Helper> {
  return isNode() ? spawnNode(init, lost) : spawnBrowser(init, lost);
}

async function spawnNode(init: HelperInit, lost: () => void): Promise<Helper> {
  const { Worker } = (await import(/* @vite-ignore */ nodeWorkerThreads)) as NodeWorkerThreads;
  const worker = new Worker(NODE_HELPER_SOURCE, {
    eval: true,
    workerData: init,
    name: `nabla-helper-${init.slot}`,
  });
  worker.unref();
  let terminated = false;
  const helper: Helper = {
    terminate: () => {
      terminated = true;
      void worker.terminate();
    },
  };
  let started = false;
  return new Promise<Helper>((resolve, reject) => {
    worker.once('message', (error) => {
      if (error === null) {
        started = true;
        resolve(helper);
      } else {
        reject(new Error(error));
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      reject(new Error(`helper exited with code ${code}`));
      if (started && !terminated) lost();
    });
  });
}

function spawnBrowser(init: HelperInit, lost: () => void): Promise<Helper> {
  const g = globalThis as BrowserGlobals;
  const url = g.URL!.createObjectURL(
    new g.Blob!([BROWSER_HELPER_SOURCE], { type: 'text/javascript' }),
  );
  let worker: WebWorker;
  try {
    worker = new g.Worker!(url, { name: `nabla-helper-${init.slot}` });
  } finally {
    // Revoked a while later: revoking at once could race the worker's fetch of its script.
    setTimeout(() => g.URL!.revokeObjectURL(url), 10_000);
  }
  const helper: Helper = { terminate: () => worker.terminate() };
  let started = false;
  return new Promise<Helper>((resolve, reject) => {
    worker.addEventListener('message', (event) => {
      started = event.data === null;
      if (started) resolve(helper);
      else reject(new Error(event.data ?? ''));
    });
    worker.addEventListener('error', (event) => {
      reject(new Error(event.message ?? 'the helper worker failed to start'));
      if (started) lost();
    });
    worker.postMessage(init);
  });
}
