// Every malformed invocation in cli-cases.ts gives its documented exit code and a one-line
// message naming the problem, prints no stack trace, and leaves every file as it was. The rows
// run in this process through the CLI's own `main`; a sample of them (all of them in the long
// run) also through the built executable, four at a time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budget, isLong } from '../budget.js';
import { inParallel } from '../child.js';
import { recordFigures } from '../figures.js';
import { CLI_CASES, type CliCase, FAILURE, USAGE } from './cli-cases.js';
import {
  chmodStopsWrites,
  type Fixtures,
  makeFixtures,
  restorePermissions,
} from './cli-fixtures.js';
import {
  type CliRun,
  runBinary,
  runInProcess,
  STACK_LINE,
  snapshot,
  snapshotDiff,
} from './cli-harness.js';

const root = mkdtempSync(join(tmpdir(), 'nabla-validation-'));
/** As root, chmod stops nothing: the rows that rely on it are skipped, and named in a figure. */
const permissionsEnforced = chmodStopsWrites(root);
const runnable = (c: CliCase) => permissionsEnforced || c.needsPermissions !== true;
let f: Fixtures;
const startDir = process.cwd();
const runMs: number[] = [];
const skipped = CLI_CASES.filter((c) => !runnable(c)).map((c) => c.name);
let passedInProcess = 0;
let passedJson = 0;
let spawned = 0;

beforeAll(async () => {
  // A cache of its own, and the snapshot root as the working directory, so a default output
  // (model.safetensors in the current directory) would be seen too.
  process.env.NABLA_HOME = join(root, 'home');
  process.chdir(root);
  f = await makeFixtures(root);
}, 120_000);

afterAll(() => {
  process.chdir(startDir);
  if (f !== undefined) restorePermissions(f);
  rmSync(root, { recursive: true, force: true });
  const rows = CLI_CASES.length;
  recordFigures('validation-cli', 'Input validation: malformed CLI invocations', [
    { name: 'malformed invocations in the table', value: rows, unit: 'rows' },
    {
      name: 'usage errors (exit 2) / failures (exit 1)',
      value: `${CLI_CASES.filter((c) => c.code === USAGE).length} / ${CLI_CASES.filter((c) => c.code === FAILURE).length}`,
    },
    {
      name: 'rows passed in process',
      value: passedInProcess,
      unit: 'rows',
      note: 'exit code, one line naming the problem, no stack trace, directory snapshot unchanged',
    },
    {
      name: 'rows passed again with --json',
      value: passedJson,
      unit: 'rows',
      note: 'stdout is exactly one {"type":"error"} line carrying the same exit code',
    },
    {
      name: 'rows passed through the built executable',
      value: spawned,
      unit: 'rows',
      note: isLong ? 'every row' : 'a sample; the long run spawns every row',
    },
    {
      name: 'rows skipped',
      value: skipped.length,
      unit: 'rows',
      note:
        skipped.length === 0
          ? 'none'
          : `running as root, chmod does not stop reads or writes: ${skipped.join('; ')}. Read-only output is still covered by a path under a regular file, /sys and /proc`,
    },
    {
      name: 'slowest in-process row',
      value: Math.round(Math.max(0, ...runMs)),
      unit: 'ms',
    },
  ]);
});

/** What every failing invocation must look like, whichever way it ran. */
function expectCleanFailure(c: CliCase, run: CliRun, json: boolean): void {
  expect(run.code, run.stderr).toBe(c.code);
  const [first, ...rest] = run.stderr.trimEnd().split('\n');
  expect(first).toMatch(/^nabla: error: /);
  expect(first).toMatch(c.message);
  // Flag errors add the usage line and where to read more; nothing else does.
  for (const line of rest) expect(line).toMatch(/^(Usage: nabla |\(Did you mean|Run 'nabla)/);
  expect(run.stderr).not.toMatch(STACK_LINE);
  expect(run.stderr).not.toMatch(/unexpected error/);
  if (!json) {
    expect(run.stdout).toBe('');
    return;
  }
  const lines = run.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'error', exitCode: c.code });
}

describe('malformed CLI invocations, in process', () => {
  it('the table holds at least 100 rows', () => {
    expect(CLI_CASES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(CLI_CASES.map((c) => c.name)).size).toBe(CLI_CASES.length);
  });

  for (const c of CLI_CASES) {
    it.skipIf(!runnable(c))(c.name, async () => {
      const before = snapshot(root);
      const started = performance.now();
      const run = await runInProcess(c.args(f));
      runMs.push(performance.now() - started);
      expectCleanFailure(c, run, false);
      expect(snapshotDiff(before, snapshot(root))).toEqual([]);
      expect(Object.prototype).not.toHaveProperty('polluted');
      passedInProcess++;
    });
  }

  for (const c of CLI_CASES.filter((x) => runnable(x) && x.jsonVariant !== false)) {
    it(`${c.name}, with --json`, async () => {
      const before = snapshot(root);
      const run = await runInProcess([...c.args(f), '--json']);
      expectCleanFailure(c, run, true);
      expect(snapshotDiff(before, snapshot(root))).toEqual([]);
      passedJson++;
    });
  }
});

describe('malformed CLI invocations, through the built executable', () => {
  const every = CLI_CASES.filter(runnable);
  // The short run takes a spread of rows: every kind of failure, a handful of processes.
  const sample = budget(
    every.filter((_, i) => i % Math.ceil(every.length / 8) === 0),
    every,
  );

  it(`${sample.length} rows exit with their code, one line and no stack trace`, async () => {
    const before = snapshot(root);
    const runs = await inParallel(
      sample.map(
        (c) => () => runBinary(c.args(f), { cwd: root, env: process.env, timeoutMs: 60_000 }),
      ),
      4,
    );
    runs.forEach((run, i) => {
      expect(run.timedOut, sample[i]!.name).toBe(false);
      expectCleanFailure(sample[i]!, run, false);
      spawned++;
    });
    expect(snapshotDiff(before, snapshot(root))).toEqual([]);
  }, 600_000);

  it('prints the stack trace with --debug, so the check above is not vacuous', async () => {
    const run = await runBinary(['eval', f.at('random.safetensors'), '--debug'], {
      cwd: root,
      env: process.env,
      timeoutMs: 60_000,
    });
    expect(run.code).toBe(FAILURE);
    expect(run.stderr).toMatch(STACK_LINE);
  });
});

describe('hostile model metadata', () => {
  it('a "__proto__" key in the architecture JSON loads as data and pollutes nothing', async () => {
    const run = await runInProcess(['predict', f.at('arch-proto.safetensors'), '--point', '1,2']);
    expect(run.code).toBe(0);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect({}).not.toHaveProperty('polluted');
  });
});
