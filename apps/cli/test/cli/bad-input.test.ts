// Every way to hold it wrong: one line saying what and where (plus the usage line for flag
// errors), exit code 2 for usage errors and 1 for failures, no stack trace, no file left
// half-written.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toSafetensors } from '@nabla/nn';
import { tensor } from '@nabla/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, jsonLines, nabla, STACK_LINE, tempDir } from './nabla.js';

const dir = tempDir();
const at = (name: string) => join(dir.path, name);
let pointsModel: string;

beforeAll(async () => {
  pointsModel = at('points.safetensors');
  const run = await nabla([
    'train',
    '--data',
    'linear',
    '--epochs',
    '1',
    '--json',
    '--out',
    pointsModel,
  ]);
  expect(run.code).toBe(0);
  writeFileSync(at('random.safetensors'), Buffer.from('\x12\x00\x00\x00\x00\x00\x00\x00{"a":'));
  writeFileSync(
    at('plain.safetensors'),
    toSafetensors(
      { weight: tensor([[1, 2]], { dtype: 'float32' }) },
      { note: 'not a nabla model' },
    ),
  );
  writeFileSync(at('bad.csv'), 'a,b,label\n1,2,x\n1,oops,y\n');
});
afterAll(() => dir.cleanup());

interface Case {
  readonly args: () => string[];
  readonly code: 1 | 2;
  readonly message: RegExp;
}

const USAGE = 2;
const FAILURE = 1;

const cases: Record<string, Case> = {
  'an unknown command': { args: () => ['trian'], code: USAGE, message: /unknown command 'trian'/ },
  'an unknown flag': {
    args: () => ['train', '--frob'],
    code: USAGE,
    message: /unknown option '--frob'/,
  },
  'a negative learning rate': {
    args: () => ['train', '--lr', '-1'],
    code: USAGE,
    message: /'--lr <rate>' argument '-1' is invalid\. Must be a number > 0/,
  },
  'bad layer sizes': {
    args: () => ['train', '--layers', '0,abc'],
    code: USAGE,
    message: /'--layers <sizes>' argument '0,abc' is invalid/,
  },
  'a fractional epoch count': {
    args: () => ['train', '--epochs', '1.5'],
    code: USAGE,
    message: /'--epochs <n>' argument '1.5' is invalid\. Must be a positive integer/,
  },
  'an unknown optimizer': {
    args: () => ['train', '--optimizer', 'lbfgs'],
    code: USAGE,
    message: /Allowed choices are sgd, momentum/,
  },
  'an unknown data set': {
    args: () => ['train', '--data', 'mnits'],
    code: USAGE,
    message: /unknown data set "mnits"/,
  },
  'a missing data file': {
    args: () => ['train', '--data', at('missing.csv'), '--out', at('never.safetensors')],
    code: FAILURE,
    message: /missing\.csv: no such file or directory/,
  },
  'a CSV with a bad value': {
    args: () => ['train', '--data', at('bad.csv'), '--out', at('never.safetensors')],
    code: FAILURE,
    message: /bad\.csv:3: column "b" holds "oops", not a number/,
  },
  'mnist missing without --download': {
    args: () => [
      'train',
      '--data',
      'mnist',
      '--data-dir',
      at('empty'),
      '--out',
      at('never.safetensors'),
    ],
    code: FAILURE,
    message: /train-images-idx3-ubyte\.gz is not in .*empty; pass --download/,
  },
  'a directory as --out': {
    args: () => ['train', '--data', 'xor', '--out', dir.path],
    code: USAGE,
    message: /--out .* is a directory; give a file name/,
  },
  'a missing model file': {
    args: () => ['eval', at('nothing.safetensors')],
    code: FAILURE,
    message: /cannot read model file .*nothing\.safetensors: no such file/,
  },
  'a directory as model file': {
    args: () => ['eval', dir.path],
    code: FAILURE,
    message: /cannot read model file .*: is a directory/,
  },
  'a corrupt model file': {
    args: () => ['eval', at('random.safetensors')],
    code: FAILURE,
    message: /random\.safetensors: not a valid model file/,
  },
  'a safetensors file that is not a nabla model': {
    args: () => ['predict', at('plain.safetensors'), '--point', '1,2'],
    code: FAILURE,
    message: /plain\.safetensors: is a safetensors file but not a model written by nabla train/,
  },
  'a model file given to --resume': {
    args: () => ['train', '--resume', pointsModel],
    code: FAILURE,
    message: /is a trained model, not a checkpoint/,
  },
  'a PNG that is not a PNG': {
    args: () => ['predict', at('digits.safetensors'), join(FIXTURES, 'not-a-png.png')],
    code: FAILURE,
    message: /not-a-png\.png: not a valid PNG image/,
  },
  'an image for a model of points': {
    args: () => ['predict', pointsModel, join(FIXTURES, 'digit-7-mnist.png')],
    code: USAGE,
    message: /takes 2 numbers, not images: use --point/,
  },
  'a point of the wrong size': {
    args: () => ['predict', pointsModel, '--point', '1,2,3'],
    code: USAGE,
    message: /--point 1,2,3 has 3 values but .* takes 2/,
  },
  'predict without inputs': {
    args: () => ['predict', pointsModel],
    code: USAGE,
    message: /give PNG images to classify, or --point/,
  },
  'bench --json naming a directory': {
    args: () => ['bench', '--quick', '--json', dir.path, '--dry-run'],
    code: USAGE,
    message: /--json .*: is a directory; give the path of a file to write/,
  },
  'eval on data of another shape': {
    args: () => ['eval', pointsModel, '--data', 'mnist-sample'],
    code: FAILURE,
    message: /classes .* are not the model's/,
  },
};

// The cases are independent processes: run them side by side.
describe.concurrent('bad input', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: exit ${c.code}, one line, no stack trace`, async () => {
      const run = await nabla(c.args(), { cwd: dir.path });
      expect(run.code).toBe(c.code);
      const [first, ...rest] = run.stderr.trimEnd().split('\n');
      expect(first).toMatch(/^nabla: error: /);
      expect(first).toMatch(c.message);
      // Flag errors add the usage line and where to read more; nothing else does.
      if (rest.length > 0) expect(rest[0]).toMatch(/^(Usage: nabla |\(Did you mean|Run 'nabla)/);
      expect(rest.length).toBeLessThanOrEqual(2);
      expect(run.stderr).not.toMatch(STACK_LINE);
      expect(run.stdout).toBe('');
    });
  }
});

describe('after bad input', () => {
  it('leaves no model, checkpoint or temporary file behind after a failure', () => {
    expect(existsSync(at('never.safetensors'))).toBe(false);
    expect(readdirSync(dir.path).filter((f) => f.includes('never') || f.endsWith('.tmp'))).toEqual(
      [],
    );
  });

  it('prints the stack trace with --debug', async () => {
    const run = await nabla(['eval', at('random.safetensors'), '--debug']);
    expect(run.code).toBe(FAILURE);
    expect(run.stderr).toMatch(STACK_LINE);
  });

  it('adds a JSON error line to stdout with --json', async () => {
    const run = await nabla(['eval', at('random.safetensors'), '--json']);
    expect(run.code).toBe(FAILURE);
    const [line] = jsonLines(run.stdout);
    expect(line).toMatchObject({ type: 'error', exitCode: 1 });
    expect(line!.message).toMatch(/not a valid model file/);
  });

  it('shows the help and exits with 2 when no command is given', async () => {
    const run = await nabla([]);
    expect(run.code).toBe(USAGE);
    expect(run.stderr).toContain('Usage: nabla [options] [command]');
  });
});
