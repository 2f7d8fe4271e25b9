import { Command } from 'commander';
import { usageHint, withCommonOptions } from '../args/command.js';
import { type Io, print } from '../context.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../errors.js';
import { runCase, selectCases } from '../gradcheck/run.js';
import { formatCount } from '../output/format.js';
import { writeJson } from '../output/json.js';
import { StreamTable } from '../output/table.js';

interface GradcheckFlags {
  filter?: string;
  json: boolean;
}

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
  command.showHelpAfterError(usageHint(command));
  command.action((flags: GradcheckFlags) => {
    const cases = selectCases(flags.filter);
    if (cases.length === 0) throw new UsageError(`--filter ${flags.filter}: no case matches`);
    const table = new StreamTable([
      { header: 'op', width: 42, align: 'left' },
      { header: 'family', width: 11, align: 'left' },
      { header: 'entries', width: 7 },
      { header: 'max abs error', width: 13 },
      { header: 'max rel error', width: 13 },
      { header: 'pass', width: 4, align: 'left' },
    ]);
    if (!flags.json) print(io, table.header());
    let failed = 0;
    const started = performance.now();
    for (const c of cases) {
      const row = runCase(c);
      if (!row.pass) failed++;
      if (flags.json) writeJson(io.out, { type: 'gradcheck', ...row });
      else {
        print(
          io,
          table.row([
            row.op,
            row.family,
            formatCount(row.entries),
            row.maxAbsError.toExponential(2),
            row.maxRelError.toExponential(2),
            row.pass ? 'yes' : 'NO',
          ]),
        );
        if (row.error !== undefined) print(io, `    ${row.error}`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    if (flags.json) {
      writeJson(io.out, {
        type: 'summary',
        cases: cases.length,
        passed: cases.length - failed,
        failed,
        seconds,
      });
    } else {
      print(
        io,
        failed === 0
          ? `\nAll ${cases.length} gradients agree with numeric differences.`
          : `\n${failed} of ${cases.length} gradients disagree with numeric differences.`,
      );
    }
    setExit(failed === 0 ? EXIT_OK : EXIT_FAILURE);
  });
  return command;
}
