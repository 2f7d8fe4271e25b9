import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budget } from '../budget.js';
import { CLI_BIN, inParallel, runChild } from '../child.js';
import { recordFigures } from '../figures.js';
import { fuzzTest } from './fuzz-test.js';
import { argvInputs, argvs, dropArguments } from './inputs/argv.js';
import { FuzzWorker } from './pool.js';

describe('fuzzing the command line in-process (main with every action replaced)', () => {
  fuzzTest({
    target: 'cli',
    title: 'Fuzzing: command-line arguments',
    arbitrary: argvInputs,
    short: 1500,
    seed: 9_601,
    bytesPerInputByte: 0,
    // The worker turns any other exit code, an "unexpected error" or a stack trace into a failure.
    errors: [],
    ending: 'exit code 0 or the usage error 2, without a stack trace',
    shrink: dropArguments,
    check: (report) => {
      // Both endings are reached: runs that parse, and usage errors.
      expect(report.resultKinds.get('exit code 0')).toBeGreaterThan(0);
      expect(report.resultKinds.get('exit code 2')).toBeGreaterThan(0);
    },
  });
});

describe('the real nabla process agrees with the in-process runs', () => {
  it(
    'gives the same exit code and standard error for fuzzed usage errors and for help',
    async () => {
      const count = budget(12, 200);
      const worker = new FuzzWorker(10_000);
      const argvList: string[][] = [
        ['--help'],
        ['--version'],
        ['train', '--help'],
        ['data', 'info', '-h'],
      ];
      try {
        // Fuzzed vectors the in-process run refused (exit code 2): the real process must refuse
        // them the same way, before any action could run. Only vectors the OS passes through
        // unchanged (no NUL, no lone surrogates) can be compared.
        for (let batch = 0; argvList.length < count && batch < 50; batch++) {
          const candidates = fc
            .sample(argvs, { numRuns: 100, seed: 4_242 + batch })
            .filter((argv) => argv.every((a) => !a.includes('\u0000') && !/\p{Cs}/u.test(a)));
          const reports = await worker.run('cli', candidates.map(encode));
          candidates.forEach((argv, i) => {
            if (reports[i]!.kind === 'exit code 2' && argvList.length < count) argvList.push(argv);
          });
        }
        const inProcess = await worker.run('cli', argvList.map(encode));
        const spawned = await inParallel(
          argvList.map((argv) => () => runNabla(argv)),
          2,
        );
        const mismatches = argvList.flatMap((argv, i) => {
          const a = {
            code: Number(inProcess[i]!.kind?.replace('exit code ', '')),
            stderr: inProcess[i]!.stderr,
          };
          const b = spawned[i]!;
          return a.code === b.code && a.stderr === b.stderr
            ? []
            : [{ argv, inProcess: a, spawned: b }];
        });
        recordFigures('fuzz-cli-processes', 'Fuzzing: command line, real processes', [
          {
            name: 'cli: real processes compared',
            value: argvList.length,
            unit: 'processes',
            note: `exit code and stderr equal to the in-process run for ${argvList.length - mismatches.length}`,
          },
        ]);
        expect(mismatches).toEqual([]);
        expect(spawned.filter((s) => s.code === 2).length).toBe(argvList.length - 4);
      } finally {
        await worker.close();
      }
    },
    budget(60_000, 1_800_000),
  );
});

function encode(argv: readonly string[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(argv));
}

/** The built binary, as a user runs it; a hang (30 s) fails the comparison. */
async function runNabla(argv: readonly string[]): Promise<{ code: number; stderr: string }> {
  const run = await runChild([CLI_BIN, ...argv], { limitMs: 30_000 });
  if (run.code === null) throw new Error(`nabla ${JSON.stringify(argv)} ended by ${run.signal}`);
  return { code: run.code, stderr: run.stderr };
}
