import { Command } from 'commander';
import type { BenchCommandFlags } from '../actions/bench.js';
import { withCommonOptions } from '../args/command.js';
import type { Io } from '../context.js';

/** `nabla bench`: `pnpm bench` (tooling/bench) under the CLI's options, help and exit codes. */
export function benchCommand(io: Io, setExit: (code: number) => void): Command {
  const command = new Command('bench')
    .summary('measure Nabla side by side with TensorFlow.js and PyTorch (pnpm bench)')
    .description(
      'Runs the benchmark suite of the Nabla repository (tooling/bench; the same run as pnpm bench): MNIST MLP training, a tiny model’s steps, matrix products, per-op overhead and memory, for Nabla (WebAssembly SIMD, relaxed SIMD, plain TypeScript) and its peers TensorFlow.js 4.22 (cpu, wasm) and PyTorch (1 and 2 threads, when /usr/bin/python3 can import torch). Progress goes to stderr, the tables to stdout; the results are written as JSON and a full run regenerates docs/performance.md and docs/performance.svg. A full run takes several minutes, --quick about a minute. Works inside a clone of the repository (the suite is not published with nabla).',
    )
    .option(
      '--quick',
      'a fast pass (about a minute): fewer steps, no 1024³ products, 3 memory epochs; leaves the docs alone unless --docs',
      false,
    )
    .option('--no-peers', 'measure Nabla alone (no TensorFlow.js, no PyTorch)')
    .option(
      '--docs',
      'rewrite docs/performance.md and .svg (a full run does; --quick only with this)',
    )
    .option('--no-docs', 'leave docs/performance.md and docs/performance.svg alone')
    .option(
      '--json <file>',
      'where the results go (default docs/performance.json; with --quick tooling/bench/results/quick.json)',
    )
    .option('--dry-run', 'print what would be measured and written, and measure nothing', false);
  withCommonOptions(command, [
    'nabla bench --quick --no-peers',
    'nabla bench --quick --no-docs --json quick.json',
    'nabla bench',
    'nabla bench --quick --dry-run',
  ]);
  command.action(async (flags: BenchCommandFlags) => {
    const { runBenchCommand } = await import('../actions/bench.js');
    setExit(await runBenchCommand(flags, io));
  });
  return command;
}
