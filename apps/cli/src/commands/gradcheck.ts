import { Command } from 'commander';
import type { GradcheckFlags } from '../actions/gradcheck.js';
import { withCommonOptions } from '../args/command.js';
import type { Io } from '../context.js';

export function gradcheckCommand(io: Io, setExit: (code: number) => void): Command {
  const command = new Command('gradcheck')
    .summary('check every op’s and loss’s gradient against numeric differences')
    .description(
      'Runs gradcheck (float64 central differences; eps 1e-6, atol 1e-5, rtol 1e-3, as PyTorch) over every differentiable op of @nabla/autograd, every loss of @nabla/losses and an MLP, and prints the largest errors. Exits with 1 if any gradient is wrong.',
    )
    .option('--filter <text>', 'only the cases whose name contains this text')
    .option('--json', 'print one JSON line per case and a summary', false);
  withCommonOptions(command, [
    'nabla gradcheck',
    'nabla gradcheck --filter crossEntropy',
    'nabla gradcheck --json',
  ]);
  command.action(async (flags: GradcheckFlags) => {
    const { runGradcheck } = await import('../actions/gradcheck.js');
    setExit(runGradcheck(flags, io));
  });
  return command;
}
