import { Command } from 'commander';
import { withCommonOptions } from '../args/command.js';
import { type Io, print } from '../context.js';
import { EXIT_OK } from '../errors.js';

/**
 * A placeholder until the benchmark suite (tooling/bench, the performance issue) exists: it
 * says so rather than pretending to measure anything.
 */
export function benchCommand(io: Io, setExit: (code: number) => void): Command {
  const command = new Command('bench')
    .summary('run the benchmark suite (not written yet)')
    .description(
      'Will run Nabla’s benchmarks side by side with TensorFlow.js and PyTorch once the benchmark suite exists. Until then it says so and exits with 0.',
    );
  withCommonOptions(command, ['nabla bench']);
  command.action(() => {
    print(
      io,
      'nabla bench: the benchmark suite does not exist yet (it comes with the performance work); nothing was measured.',
    );
    setExit(EXIT_OK);
  });
  return command;
}
