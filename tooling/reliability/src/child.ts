// Node child processes for the suite: bounded in time (a hung child is killed, which its caller
// sees as timedOut and fails on), with the exit code, the signal and both streams.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built `nabla` command; turbo builds it before this package's tests. */
export const CLI_BIN = fileURLToPath(new URL('../../../apps/cli/dist/bin.js', import.meta.url));

export interface ChildResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

export interface ChildOptions {
  readonly limitMs: number;
  readonly cwd?: string;
  /** The environment (default this process's); colour is always off. */
  readonly env?: NodeJS.ProcessEnv;
}

/** `node …args` to its end, or killed with SIGKILL after `limitMs`. */
export function runChild(args: readonly string[], options: ChildOptions): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env: { ...(options.env ?? process.env), NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.limitMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** `nabla …args` in `cwd` as a user runs it. */
export function runCli(
  args: readonly string[],
  cwd: string,
  limitMs = 60_000,
): Promise<ChildResult> {
  return runChild([CLI_BIN, ...args], { cwd, limitMs });
}

/** Runs `tasks` with at most `limit` in flight (spawned processes share two cores). */
export async function inParallel<T>(
  tasks: readonly (() => Promise<T>)[],
  limit: number,
): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
