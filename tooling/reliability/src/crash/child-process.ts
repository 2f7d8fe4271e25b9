// Child processes for the crash tests: spawned with a hard time limit (a hung child is killed
// and fails the test), stdout collected line by line as it arrives.
import { type ChildProcess, spawn } from 'node:child_process';

export interface Child {
  readonly process: ChildProcess;
  /** Every complete stdout line so far. */
  readonly lines: string[];
  /** Called with each line as it arrives. */
  onLine: (line: string) => void;
  /** Resolves when the process has exited and its output is read. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

export function spawnNode(script: string, args: readonly string[], limitMs: number): Child {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const handle: Child = {
    process: child,
    lines: [],
    onLine: () => undefined,
    exited: new Promise((resolve) => {
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stderr });
      });
    }),
  };
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    let newline = stdout.indexOf('\n');
    while (newline >= 0) {
      const line = stdout.slice(0, newline);
      stdout = stdout.slice(newline + 1);
      handle.lines.push(line);
      handle.onLine(line);
      newline = stdout.indexOf('\n');
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return handle;
}

/** Runs a child to its end and returns its stdout lines; throws unless it exits with 0. */
export async function runNode(
  script: string,
  args: readonly string[],
  limitMs: number,
): Promise<string[]> {
  const child = spawnNode(script, args, limitMs);
  const { code, signal, stderr } = await child.exited;
  if (code !== 0) {
    throw new Error(`${script} ${args.join(' ')} ended with ${code ?? signal}: ${stderr}`);
  }
  return child.lines;
}
