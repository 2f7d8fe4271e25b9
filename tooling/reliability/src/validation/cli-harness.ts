// Runs the `nabla` CLI two ways: in this process through its `main(argv, io)` (milliseconds a
// call, so a table of a hundred invocations stays cheap), and as the built executable
// (dist/bin.js) in a child process with a hard timeout, for the rows that must prove what a user
// sees end to end (bin.ts's last-resort handlers, the process's real exit code).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from 'nabla/dist/cli.js';
import type { Io } from 'nabla/dist/context.js';
import { CLI_BIN, runChild } from '../child.js';

/** A stack-trace line, which a user must never see without --debug. */
export const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    done();
  }
}

/** Not a terminal: the CLI must pick its plain (non-interactive) output. */
function nonTerminal(stream: Capture): NodeJS.WriteStream {
  return Object.assign(stream, { isTTY: false, columns: 100 }) as unknown as NodeJS.WriteStream;
}

/** `nabla …args` in this process; stdout and stderr captured. */
export async function runInProcess(args: readonly string[]): Promise<CliRun> {
  const out = new Capture();
  const err = new Capture();
  const io: Io = { out, err: nonTerminal(err) };
  const code = await main(args, io);
  return { code, stdout: out.text, stderr: err.text };
}

/** `node dist/bin.js …args` in `cwd`, killed after `timeoutMs` (a hang fails the row). */
export async function runBinary(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<CliRun & { timedOut: boolean }> {
  const run = await runChild([CLI_BIN, ...args], {
    cwd: options.cwd,
    env: options.env,
    limitMs: options.timeoutMs,
  });
  return { code: run.code ?? -1, stdout: run.stdout, stderr: run.stderr, timedOut: run.timedOut };
}

/**
 * Every file under `root` with its size, mode and content hash: two equal snapshots mean
 * nothing was created, removed or modified (mtime is left out: rewriting identical bytes is
 * harmless, and a temporary file left behind shows up as a new entry).
 */
export function snapshot(root: string): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (dir: string, prefix: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      entries.set(`${prefix}/`, 'unreadable directory');
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      const key = `${prefix}/${name}`;
      const info = statSync(path);
      if (info.isDirectory()) {
        entries.set(`${key}/`, `dir ${(info.mode & 0o777).toString(8)}`);
        walk(path, key);
      } else {
        let hash = 'unreadable';
        try {
          hash = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
        } catch {
          // A file made unreadable on purpose: its size and mode still show a change.
        }
        entries.set(key, `${info.size} ${(info.mode & 0o777).toString(8)} ${hash}`);
      }
    }
  };
  walk(root, '');
  return entries;
}

/** What changed between two snapshots, one line per path; empty when nothing did. */
export function snapshotDiff(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): string[] {
  const changes: string[] = [];
  for (const [path, value] of after) {
    const old = before.get(path);
    if (old === undefined) changes.push(`created ${path}`);
    else if (old !== value) changes.push(`modified ${path}`);
  }
  for (const path of before.keys()) if (!after.has(path)) changes.push(`removed ${path}`);
  return changes;
}
