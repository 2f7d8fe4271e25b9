// `nabla bench`: the benchmark suite of tooling/bench, run in this process with `pnpm bench`'s
// options. Its progress goes to stderr and its tables to stdout as they are made.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BenchFlags, Options } from '@nabla/bench';
import { type BenchSuite, loadBenchSuite } from '../bench/suite.js';
import { type Io, print } from '../context.js';
import { CliError, EXIT_OK, UsageError } from '../errors.js';

export interface BenchCommandFlags {
  quick: boolean;
  peers: boolean;
  /** Undefined unless --docs or --no-docs was given: the suite's default then decides. */
  docs?: boolean;
  json?: string;
  dryRun: boolean;
}

export async function runBenchCommand(
  flags: BenchCommandFlags,
  io: Io,
  load: () => Promise<BenchSuite> = loadBenchSuite,
): Promise<number> {
  const json = flags.json === undefined ? undefined : checkJsonPath(flags.json);
  const suite = await load();
  const request: BenchFlags = { quick: flags.quick, peers: flags.peers, json };
  if (flags.docs !== undefined) request.docs = flags.docs;
  const options = suite.resolveOptions(request);
  if (flags.dryRun) {
    print(io, describePlan(options));
    return EXIT_OK;
  }
  try {
    await suite.runBench(options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`the benchmark run failed: ${message}`, { cause: error });
  }
  return EXIT_OK;
}

/** The results file, absolute; refused before a long run rather than after it. */
function checkJsonPath(path: string): string {
  if (path.trim() === '') throw new UsageError('--json: expected a file path');
  const absolute = resolve(path);
  if (statSync(absolute, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`--json ${path}: is a directory; give the path of a file to write`);
  }
  return absolute;
}

/** What a run with these options would measure and write, for --dry-run. */
export function describePlan(options: Options): string {
  const engines = options.peers
    ? 'Nabla, TensorFlow.js (cpu, wasm) and PyTorch (if /usr/bin/python3 can import torch)'
    : 'Nabla only';
  const docs = options.docs
    ? `rewritten: ${resolve(options.docsDir, 'performance.md')} and performance.svg`
    : 'left alone';
  return [
    'nabla bench --dry-run: nothing was measured. A run with these options would be:',
    `  pass     ${options.quick ? 'quick (one round, fewer steps)' : 'full (two rounds)'}`,
    `  engines  ${engines}`,
    `  results  ${options.json}`,
    `  docs     ${docs}`,
  ].join('\n');
}
