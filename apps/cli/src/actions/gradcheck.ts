// `nabla gradcheck`: the table of gradient checks, printed case by case as they finish.
import { type Io, print } from '../context.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../errors.js';
import { runCase, selectCases } from '../gradcheck/run.js';
import { formatCount } from '../output/format.js';
import { writeJson } from '../output/json.js';
import { StreamTable } from '../output/table.js';

export interface GradcheckFlags {
  filter?: string;
  json: boolean;
}

export function runGradcheck(flags: GradcheckFlags, io: Io): number {
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
  return failed === 0 ? EXIT_OK : EXIT_FAILURE;
}
