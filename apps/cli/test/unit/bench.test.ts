// `nabla bench` without measuring: its flags reach the suite as `pnpm bench`'s would, a missing
// suite is a typed error that names the fix, and a failed run is a failure, not a crash.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Options } from '@nabla/bench';
import { describe, expect, it } from 'vitest';
import { type BenchCommandFlags, runBenchCommand } from '../../src/actions/bench.js';
import { type BenchSuite, BenchUnavailableError, loadBenchSuite } from '../../src/bench/suite.js';
import type { Io } from '../../src/context.js';
import { CliError, EXIT_FAILURE, exitCodeOf } from '../../src/errors.js';

function captureIo(): { io: Io; out: () => string } {
  let text = '';
  const out = new PassThrough();
  out.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { io: { out, err: process.stderr }, out: () => text };
}

/** The real suite's option rules with a runner that records instead of measuring. */
async function recordingSuite(): Promise<{ suite: BenchSuite; runs: Options[] }> {
  const real = await loadBenchSuite();
  const runs: Options[] = [];
  const suite: BenchSuite = {
    resolveOptions: real.resolveOptions,
    runBench: async (options) => {
      runs.push(options);
    },
  };
  return { suite, runs };
}

const base: BenchCommandFlags = { quick: false, peers: true, dryRun: false };

describe('nabla bench → the suite', () => {
  it('passes --quick --no-peers --no-docs --json as pnpm bench would', async () => {
    const { suite, runs } = await recordingSuite();
    const json = join(mkdtempSync(join(tmpdir(), 'nabla-bench-')), 'out.json');
    const flags = { quick: true, peers: false, docs: false, json, dryRun: false };
    const code = await runBenchCommand(flags, captureIo().io, async () => suite);
    expect(code).toBe(0);
    expect(runs).toEqual([suite.resolveOptions({ quick: true, peers: false, docs: false, json })]);
  });

  it('leaves the docs default to the suite: a full run rewrites them, a quick one does not', async () => {
    const { suite, runs } = await recordingSuite();
    await runBenchCommand(base, captureIo().io, async () => suite);
    await runBenchCommand({ ...base, quick: true }, captureIo().io, async () => suite);
    expect(runs.map((o) => o.docs)).toEqual([true, false]);
    expect(runs[1]!.json).toMatch(/tooling\/bench\/results\/quick\.json$/);
  });

  it('--dry-run prints the plan and runs nothing', async () => {
    const { suite, runs } = await recordingSuite();
    const { io, out } = captureIo();
    await runBenchCommand({ ...base, peers: false, dryRun: true }, io, async () => suite);
    expect(runs).toEqual([]);
    expect(out()).toMatch(/nothing was measured/);
    expect(out()).toMatch(/engines\s+Nabla only/);
  });

  it('a failed run is a CliError naming the failure', async () => {
    const failing: BenchSuite = {
      resolveOptions: (await loadBenchSuite()).resolveOptions,
      runBench: () => Promise.reject(new Error('tfjs-wasm (mnist) exited with 1')),
    };
    const run = runBenchCommand(base, captureIo().io, async () => failing);
    await expect(run).rejects.toThrow(CliError);
    await expect(run).rejects.toThrow(
      /the benchmark run failed: tfjs-wasm \(mnist\) exited with 1/,
    );
  });
});

describe('loadBenchSuite', () => {
  it('turns a missing @nabla/bench into BenchUnavailableError (exit 1) with the fix', async () => {
    const notFound = Object.assign(
      new Error("Cannot find package '@nabla/bench' imported from /opt/nabla/dist/bench/suite.js"),
      { code: 'ERR_MODULE_NOT_FOUND' },
    );
    const load = loadBenchSuite(() => Promise.reject(notFound));
    await expect(load).rejects.toThrow(BenchUnavailableError);
    const error = await load.catch((e: unknown) => e);
    expect(exitCodeOf(error)).toBe(EXIT_FAILURE);
    expect((error as Error).message).toMatch(/Cannot find package '@nabla\/bench'/);
    expect((error as Error).message).toMatch(/pnpm install.*pnpm nabla bench/);
  });

  it('lets any other error through unchanged', async () => {
    const bug = new TypeError('x is not a function');
    await expect(loadBenchSuite(() => Promise.reject(bug))).rejects.toBe(bug);
  });
});
