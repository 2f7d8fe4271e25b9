// Runs the built `nabla` binary (dist/bin.js) as a subprocess, as a user would.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromSafetensors } from '@nabla/nn';

export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
/**
 * The full MNIST the project keeps beside the repository, or at the workplace's shared path for
 * a clone made elsewhere; null where neither exists.
 */
export const SHARED_MNIST: string | null =
  [
    fileURLToPath(new URL('../../../../../shared/data/mnist', import.meta.url)),
    '/work/shared/data/mnist',
  ].find((dir) => existsSync(dir)) ?? null;

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  /** Called with each chunk of stdout so far (the whole text), e.g. to send a signal mid-run. */
  readonly onStdout?: (stdout: string, child: ChildProcess) => void;
  /** Another copy of the binary (default: this app's dist/bin.js). */
  readonly bin?: string;
}

export function nabla(args: readonly string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.bin ?? BIN, ...args], {
      cwd: options.cwd,
      // A cache of its own, so no test reads or writes the user's ~/.cache/nabla.
      env: { ...process.env, NABLA_HOME: join(tmpdir(), 'nabla-cli-test-home'), FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      options.onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Every stdout line parsed as JSON (a line that is not JSON fails the parse, and the test). */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export function tempDir(): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'nabla-cli-'));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** The tensors of a safetensors file, each as its raw bytes, by name. */
export function tensorBytes(file: string): Map<string, Uint8Array> {
  const buffer = readFileSync(file);
  const { tensors } = fromSafetensors(
    new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
  );
  const out = new Map<string, Uint8Array>();
  for (const [name, t] of Object.entries(tensors)) {
    out.set(name, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  }
  return out;
}

/** A stack trace line, which users must never see without --debug. */
export const STACK_LINE = /^\s+at .+\(?.+:\d+:\d+\)?$/m;
