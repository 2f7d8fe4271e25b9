// Runs fuzz inputs in a worker process under a watchdog. An input that makes no progress for
// `hangMs` is reported as a hang and the worker is replaced; one that kills the worker (out of
// memory, a native crash) is reported as a crash. Either way the remaining inputs still run.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type Outcome = 'result' | 'typed' | 'untyped' | 'polluted' | 'hang' | 'crash';

export interface InputReport {
  readonly outcome: Outcome;
  /** The error's class name, for thrown errors. */
  readonly errorClass: string;
  /** What kind of result, where a target has several (a command line's exit code). */
  readonly kind?: string;
  /** A command line's standard error, to compare with a real process's. */
  readonly stderr?: string;
  readonly message: string;
  readonly ms: number;
  /** Growth of memory outside V8's heap (typed arrays, buffers) while the result was held. */
  readonly external: number;
  /** Growth of V8's heap while the result was held. */
  readonly heap: number;
  readonly size: number;
}

type Message =
  | { readonly type: 'ready' }
  | { readonly type: 'report'; readonly report: InputReport }
  | { readonly type: 'done' };

const workerFile = fileURLToPath(new URL('./worker.mjs', import.meta.url));
const POLL_MS = 100;

/**
 * The parsers run in a child process, not a worker thread: a native abort (an assertion in
 * zlib's binding, say) takes the whole process down, and only a separate process survives it.
 */
export class FuzzWorker {
  private child: ChildProcess | undefined;
  private listener:
    | { report(r: InputReport): void; done(): void; died(why: string): void }
    | undefined;

  constructor(private readonly hangMs: number) {}

  /** Runs every input through `target`; one report per input, in order. */
  async run(target: string, inputs: readonly Uint8Array[]): Promise<InputReport[]> {
    const reports: InputReport[] = [];
    let rest = inputs;
    while (rest.length > 0) {
      const batch = await this.batch(target, rest);
      reports.push(...batch.done);
      if (batch.failure === undefined) break;
      reports.push(batch.failure);
      rest = rest.slice(batch.done.length + 1);
    }
    return reports;
  }

  async close(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child === undefined || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  private async start(): Promise<ChildProcess> {
    if (this.child !== undefined) return this.child;
    const child = fork(workerFile, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      execArgv: [],
    });
    // A native abort prints its report on stderr: kept for the failure's message.
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('error', reject);
      child.once('exit', (code) =>
        reject(new Error(`the fuzz worker exited (${code}): ${stderr}`)),
      );
    });
    child.removeAllListeners('exit');
    child.removeAllListeners('error');
    child.on('message', (message: Message) => {
      if (message.type === 'report') this.listener?.report(message.report);
      else if (message.type === 'done') this.listener?.done();
    });
    child.on('exit', (code, signal) => {
      const firstLines = stderr
        .split('\n')
        .filter((l) => l.trim() !== '')
        .slice(0, 6)
        .join(' | ');
      this.listener?.died(`the worker died (${signal ?? `exit code ${code}`}): ${firstLines}`);
    });
    this.child = child;
    return child;
  }

  /** Runs `inputs` until all are done, or until one hangs or kills the worker. */
  private async batch(target: string, inputs: readonly Uint8Array[]): Promise<BatchResult> {
    const child = await this.start();
    return new Promise((resolve) => {
      const done: InputReport[] = [];
      let lastChange = performance.now();
      const fail = (outcome: 'hang' | 'crash', message: string) => {
        clearInterval(watchdog);
        this.listener = undefined;
        this.child = undefined;
        child.kill('SIGKILL');
        const size = inputs[done.length]?.length ?? 0;
        const ms = performance.now() - lastChange;
        resolve({
          done,
          failure: { outcome, errorClass: '', message, ms, external: 0, heap: 0, size },
        });
      };
      const watchdog = setInterval(() => {
        if (performance.now() - lastChange > this.hangMs) {
          fail('hang', `no result after ${this.hangMs} ms`);
        }
      }, POLL_MS);
      this.listener = {
        report: (r) => {
          done.push(r);
          lastChange = performance.now();
        },
        done: () => {
          clearInterval(watchdog);
          this.listener = undefined;
          resolve({ done });
        },
        died: (why) => fail('crash', why),
      };
      child.send({ target, inputs });
    });
  }
}

interface BatchResult {
  /** Reports of the inputs that finished, in order. */
  readonly done: InputReport[];
  /** The input after them hung or killed the worker. */
  readonly failure?: InputReport;
}
