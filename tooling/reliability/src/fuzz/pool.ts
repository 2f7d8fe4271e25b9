// Runs fuzz inputs in a worker thread under a watchdog. An input that makes no progress for
// `hangMs` is reported as a hang and the worker is replaced; one that kills the worker (out of
// memory, a native crash) is reported as a crash. Either way the remaining inputs still run.
import { Worker } from 'node:worker_threads';

export type Outcome = 'result' | 'typed' | 'untyped' | 'polluted' | 'hang' | 'crash';

export interface InputReport {
  readonly outcome: Outcome;
  /** The error's class name, for thrown errors. */
  readonly errorClass: string;
  readonly message: string;
  readonly ms: number;
  /** Growth of memory outside V8's heap (typed arrays, buffers) while the result was held. */
  readonly external: number;
  /** Growth of V8's heap while the result was held. */
  readonly heap: number;
  readonly size: number;
}

interface Done {
  readonly type: 'done';
  readonly results: InputReport[];
}

const workerFile = new URL('./worker.mjs', import.meta.url);
const POLL_MS = 100;

export class FuzzWorker {
  private worker: Worker | undefined;
  private progress = new Int32Array(new SharedArrayBuffer(8));

  constructor(private readonly hangMs: number) {}

  /** Runs every input through `target`; one report per input, in order. */
  async run(target: string, inputs: readonly Uint8Array[]): Promise<InputReport[]> {
    const reports: InputReport[] = [];
    let rest = inputs;
    while (rest.length > 0) {
      const batch = await this.batch(target, rest);
      if (batch.failure === undefined) {
        reports.push(...batch.done);
        break;
      }
      // The worker died with the reports of the inputs before the failing one: run those
      // again in a fresh worker, then go on after it.
      reports.push(...(await this.run(target, rest.slice(0, batch.failedAt))), batch.failure);
      rest = rest.slice(batch.failedAt + 1);
    }
    return reports;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private async start(): Promise<Worker> {
    if (this.worker !== undefined) return this.worker;
    this.progress = new Int32Array(new SharedArrayBuffer(8));
    const worker = new Worker(workerFile, { workerData: { progress: this.progress } });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    // One listener of each kind for the worker's life, handing events to the batch running.
    worker.on('message', (message: Done) => this.listener?.done(message));
    worker.on('error', (error) => this.listener?.died(`the worker failed: ${String(error)}`));
    worker.on('exit', (code) => this.listener?.died(`the worker exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private listener: { done(message: Done): void; died(message: string): void } | undefined;

  /** Runs `inputs` until all are done, or until one hangs or kills the worker. */
  private async batch(target: string, inputs: readonly Uint8Array[]): Promise<BatchResult> {
    const worker = await this.start();
    const progress = this.progress;
    Atomics.store(progress, 0, 0);
    Atomics.store(progress, 1, 0);
    return new Promise((resolve) => {
      let lastTick = -1;
      let lastChange = performance.now();
      const fail = (outcome: 'hang' | 'crash', message: string) => {
        clearInterval(watchdog);
        this.listener = undefined;
        this.worker = undefined;
        void worker.terminate();
        const failedAt = Atomics.load(progress, 0);
        const size = inputs[failedAt]?.length ?? 0;
        const ms = performance.now() - lastChange;
        resolve({
          done: [],
          failedAt,
          failure: { outcome, errorClass: '', message, ms, external: 0, heap: 0, size },
        });
      };
      const watchdog = setInterval(() => {
        const tick = Atomics.load(progress, 1);
        if (tick !== lastTick) {
          lastTick = tick;
          lastChange = performance.now();
        } else if (performance.now() - lastChange > this.hangMs) {
          fail('hang', `no result after ${this.hangMs} ms`);
        }
      }, POLL_MS);
      this.listener = {
        done: (message) => {
          clearInterval(watchdog);
          this.listener = undefined;
          resolve({ done: message.results, failedAt: -1 });
        },
        died: (message) => fail('crash', message),
      };
      worker.postMessage({ target, inputs });
    });
  }
}

interface BatchResult {
  readonly done: InputReport[];
  /** Index of the input that hung or crashed the worker, -1 if none did. */
  readonly failedAt: number;
  readonly failure?: InputReport;
}
