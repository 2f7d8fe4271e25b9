// Malformed `nabla` invocations, one row each: the arguments, the exit code the CLI documents
// (README "Exit codes and errors": 2 for a command line that cannot run as written, 1 for a run
// that failed) and what the one-line message must name.
import type { Fixtures } from './cli-fixtures.js';

export const USAGE = 2;
export const FAILURE = 1;

export interface CliCase {
  readonly name: string;
  readonly args: (f: Fixtures) => readonly string[];
  readonly code: typeof USAGE | typeof FAILURE;
  readonly message: RegExp;
  /** Relies on chmod, which does not stop root: skipped (and counted) when it cannot bite. */
  readonly needsPermissions?: boolean;
  /** False where a trailing --json would change the meaning (it would become a flag's value). */
  readonly jsonVariant?: boolean;
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each bad value of a numeric flag of `train`, refused by commander with the flag's rule. */
const TRAIN_FLAG_VALUES: readonly [flag: string, values: readonly string[], rule: string][] = [
  [
    '--lr <rate>',
    ['-1', '0', '-0', 'NaN', 'Infinity', '1e400', 'abc', '', '1e-3x', '0x10'],
    'Must be a number > 0',
  ],
  [
    '--batch-size <n>',
    ['0', '-5', '1.5', 'NaN', 'abc', '99999999999999999999', '1e3', ''],
    'Must be a positive integer',
  ],
  ['--epochs <n>', ['0', '-1', '1.5', 'abc', 'Infinity'], 'Must be a positive integer'],
  [
    '--layers <sizes>',
    ['0', '-3', '8,,8', '8.5', 'abc', '16,0', '16;16'],
    'Each layer size must be a positive integer',
  ],
  ['--seed <n>', ['-1', '1.5', 'abc', '9007199254740993'], 'Must be an integer ≥ 0'],
  ['--dropout <p>', ['1', '-0.1', '1.5', 'NaN'], 'Must be a number in \\[0, 1\\)'],
  ['--momentum <m>', ['1', '-0.5', '2'], 'Must be a number in \\[0, 1\\)'],
  ['--weight-decay <lambda>', ['-1', 'NaN', 'inf'], 'Must be a number ≥ 0'],
  ['--smoothing <alpha>', ['1', '-0.1'], 'Must be a number in \\[0, 1\\)'],
  ['--min-delta <x>', ['-1', 'NaN'], 'Must be a number ≥ 0'],
  [
    '--val-split <fraction>',
    ['0', '1', '1.5', '-0.2'],
    'Must be a number strictly between 0 and 1',
  ],
  ['--noise <x>', ['1', '-1'], 'Must be a number in \\[0, 1\\)'],
  ['--patience <n>', ['-1', '1.5', 'abc'], 'Must be an integer ≥ 0'],
];

const flagRows: CliCase[] = TRAIN_FLAG_VALUES.flatMap(([flag, values, rule]) =>
  values.map(
    (value): CliCase => ({
      name: `train ${flag.split(' ')[0]} ${JSON.stringify(value)}`,
      args: (f) => [
        'train',
        '--data',
        'xor',
        '--out',
        f.out('m.safetensors'),
        flag.split(' ')[0]!,
        value,
      ],
      code: USAGE,
      message: new RegExp(`'${literal(flag)}' argument '${literal(value)}' is invalid\\. ${rule}`),
    }),
  ),
);

const usageRows: CliCase[] = [
  {
    name: 'an unknown command',
    args: () => ['trian'],
    code: USAGE,
    message: /unknown command 'trian'/,
  },
  {
    name: 'another unknown command',
    args: () => ['fit'],
    code: USAGE,
    message: /unknown command 'fit'/,
  },
  {
    name: 'train: unknown flag',
    args: () => ['train', '--frob'],
    code: USAGE,
    message: /unknown option '--frob'/,
  },
  {
    name: 'train: a single-dash flag',
    args: () => ['train', '-x'],
    code: USAGE,
    message: /unknown option '-x'/,
  },
  {
    name: 'eval: unknown flag',
    args: (f) => ['eval', f.at('points.safetensors'), '--frob'],
    code: USAGE,
    message: /unknown option '--frob'/,
  },
  {
    name: 'predict: unknown flag',
    args: (f) => ['predict', f.at('points.safetensors'), '--x'],
    code: USAGE,
    message: /unknown option '--x'/,
  },
  {
    name: 'gradcheck: unknown flag',
    args: () => ['gradcheck', '--bogus'],
    code: USAGE,
    message: /unknown option '--bogus'/,
  },
  {
    name: 'bench: unknown flag',
    args: () => ['bench', '--bogus'],
    code: USAGE,
    message: /unknown option '--bogus'/,
    jsonVariant: false,
  },
  {
    name: 'data list: unknown flag',
    args: () => ['data', 'list', '--bogus'],
    code: USAGE,
    message: /unknown option '--bogus'/,
  },
  {
    name: 'data: unknown subcommand',
    args: () => ['data', 'frob'],
    code: USAGE,
    message: /unknown command 'frob'/,
  },
  {
    name: 'data info: no name',
    args: () => ['data', 'info'],
    code: USAGE,
    message: /missing required argument 'name'/,
  },
  {
    name: 'data info: unknown name',
    args: () => ['data', 'info', 'mnits'],
    code: USAGE,
    message: /unknown data set "mnits"/,
  },
  {
    name: 'eval: no model',
    args: () => ['eval'],
    code: USAGE,
    message: /missing required argument 'model'/,
  },
  {
    name: 'predict: no model',
    args: () => ['predict'],
    code: USAGE,
    message: /missing required argument 'model'/,
  },
  {
    name: 'train: --lr without a value',
    args: () => ['train', '--lr'],
    code: USAGE,
    message: /'--lr <rate>' argument missing/,
    jsonVariant: false,
  },
  {
    name: 'train: --out without a value',
    args: () => ['train', '--out'],
    code: USAGE,
    message: /'--out <file>' argument missing/,
    jsonVariant: false,
  },
  {
    name: 'train: an unknown activation',
    args: () => ['train', '--activation', 'softmax'],
    code: USAGE,
    message: /argument 'softmax' is invalid\. Allowed choices are relu/,
  },
  {
    name: 'train: an unknown optimizer',
    args: () => ['train', '--optimizer', 'lbfgs'],
    code: USAGE,
    message: /argument 'lbfgs' is invalid\. Allowed choices are sgd/,
  },
  {
    name: 'train: an unknown data set',
    args: (f) => ['train', '--data', 'mnits', '--out', f.out('m.safetensors')],
    code: USAGE,
    message: /--data: unknown data set "mnits"/,
  },
  {
    name: 'train: --out is a directory',
    args: (f) => ['train', '--data', 'xor', '--out', f.out('')],
    code: USAGE,
    message: /--out .*out\/? is a directory; give a file name/,
  },
  {
    name: 'train: --report is a directory',
    args: (f) => [
      'train',
      '--data',
      'xor',
      '--out',
      f.out('m.safetensors'),
      '--report',
      f.at('idx'),
    ],
    code: USAGE,
    message: /--report .*idx is a directory; give a file name, e\.g\. .*report\.html/,
  },
  {
    name: 'train: a validation split too small for the data',
    args: (f) => [
      'train',
      '--data',
      f.at('good.csv'),
      '--val-split',
      '0.01',
      '--out',
      f.out('m.safetensors'),
    ],
    code: USAGE,
    message: /--val-split 0\.01 leaves no validation or no training sample/,
  },
  {
    name: 'gradcheck: a filter matching nothing',
    args: () => ['gradcheck', '--filter', 'no-such-op'],
    code: USAGE,
    message: /--filter no-such-op: no case matches/,
  },
  {
    name: 'predict: --top 0',
    args: (f) => ['predict', f.at('points.safetensors'), '--point', '1,2', '--top', '0'],
    code: USAGE,
    message: /'--top <k>' argument '0' is invalid\. Must be a positive integer/,
  },
  {
    name: 'predict: --top -1',
    args: (f) => ['predict', f.at('points.safetensors'), '--point', '1,2', '--top', '-1'],
    code: USAGE,
    message: /'--top <k>' argument '-1' is invalid/,
  },
  {
    name: 'predict: --point abc',
    args: (f) => ['predict', f.at('points.safetensors'), '--point', 'abc'],
    code: USAGE,
    message: /'--point <x,y>' argument 'abc' is invalid/,
  },
  {
    name: 'predict: --point 1,,2',
    args: (f) => ['predict', f.at('points.safetensors'), '--point', '1,,2'],
    code: USAGE,
    message: /'--point <x,y>' argument '1,,2' is invalid/,
  },
  {
    name: 'predict: --point NaN,1',
    args: (f) => ['predict', f.at('points.safetensors'), '--point', 'NaN,1'],
    code: USAGE,
    message: /'--point <x,y>' argument 'NaN,1' is invalid/,
  },
  {
    name: 'predict: --point 1e39,0 (beyond float32)',
    args: (f) => ['predict', f.at('points.safetensors'), '--point', '1e39,0'],
    code: USAGE,
    message: /'--point <x,y>' argument '1e39,0' is invalid/,
  },
  {
    name: 'predict: a point of the wrong size',
    args: (f) => ['predict', f.at('points.safetensors'), '--point', '1,2,3'],
    code: USAGE,
    message: /--point 1,2,3 has 3 values but .*points\.safetensors takes 2/,
  },
  {
    name: 'predict: a point for an image model',
    args: (f) => ['predict', f.at('digits.safetensors'), '--point', '1,2'],
    code: USAGE,
    message: /--point 1,2 has 2 values but .*digits\.safetensors takes 784/,
  },
  {
    name: 'predict: an image for a model of points',
    args: (f) => ['predict', f.at('points.safetensors'), f.at('digit.png')],
    code: USAGE,
    message: /points\.safetensors takes 2 numbers, not images: use --point/,
  },
  {
    name: 'predict: no inputs',
    args: (f) => ['predict', f.at('points.safetensors')],
    code: USAGE,
    message: /give PNG images to classify, or --point/,
  },
  {
    name: 'eval: an unknown data set',
    args: (f) => ['eval', f.at('points.safetensors'), '--data', 'mnits'],
    code: USAGE,
    message: /unknown data set "mnits"/,
  },
];

const dataRows: CliCase[] = [
  {
    name: 'train: a bare word that is a directory here',
    args: (f) => ['train', '--data', 'inputs', '--out', f.out('m.safetensors')],
    code: USAGE,
    message: /unknown data set "inputs" .*"inputs" here is read as a path when written \.\/inputs/,
  },
  {
    name: 'train: a missing CSV',
    args: (f) => ['train', '--data', f.at('missing.csv'), '--out', f.out('m.safetensors')],
    code: FAILURE,
    message: /missing\.csv: no such file or directory/,
  },
  {
    name: 'train: a CSV with a word among numbers',
    args: (f) => ['train', '--data', f.at('bad-value.csv'), '--out', f.out('m.safetensors')],
    code: FAILURE,
    message: /bad-value\.csv:3: column "b" holds "oops", not a number/,
  },
  {
    name: 'train: an empty CSV',
    args: (f) => ['train', '--data', f.at('empty.csv'), '--out', f.out('m.safetensors')],
    code: FAILURE,
    message: /empty\.csv: the CSV file is empty/,
  },
  {
    name: 'train: a CSV with a header only',
    args: (f) => ['train', '--data', f.at('header-only.csv'), '--out', f.out('m.safetensors')],
    code: FAILURE,
    message: /header-only\.csv: has a header but no rows/,
  },
  {
    name: 'train: a CSV of one column',
    args: (f) => ['train', '--data', f.at('one-column.csv'), '--out', f.out('m.safetensors')],
    code: FAILURE,
    message: /one-column\.csv: needs at least two columns/,
  },
  {
    name: 'train: a ragged CSV',
    args: (f) => ['train', '--data', f.at('ragged.csv'), '--out', f.out('m.safetensors')],
    code: FAILURE,
    message: /ragged\.csv:3: expected 3 fields, found 2/,
  },
  {
    name: 'train: a CSV of one class',
    args: (f) => ['train', '--data', f.at('one-class.csv'), '--out', f.out('m.safetensors')],
    code: FAILURE,
    message: /one-class\.csv: the label column "label" holds a single class/,
  },
  {
    name: 'train: a CSV of two rows',
    args: (f) => ['train', '--data', f.at('few-rows.csv'), '--out', f.out('m.safetensors')],
    code: FAILURE,
    message: /few-rows\.csv: needs at least 5 rows/,
  },
  {
    name: 'train: a CSV with an empty label',
    args: (f) => ['train', '--data', f.at('empty-label.csv'), '--out', f.out('m.safetensors')],
    code: FAILURE,
    message: /empty-label\.csv:3: the label is empty/,
  },
  {
    name: 'train: a CSV holding NaN',
    args: (f) => ['train', '--data', f.at('nan.csv'), '--out', f.out('m.safetensors')],
    code: FAILURE,
    message: /nan\.csv:3: column "a"/,
  },
  {
    name: 'train: a CSV value beyond float32',
    args: (f) => ['train', '--data', f.at('infinite.csv'), '--out', f.out('m.safetensors')],
    code: FAILURE,
    message: /infinite\.csv:3: column "a"/,
  },
  {
    name: 'train: a binary file as CSV',
    args: (f) => ['train', '--data', f.at('binary.csv'), '--out', f.out('m.safetensors')],
    code: FAILURE,
    message: /binary\.csv: needs at least two columns \(features and a label\), found 1/,
  },
  {
    name: 'train: a label column that does not exist',
    args: (f) => [
      'train',
      '--data',
      f.at('good.csv'),
      '--label-column',
      'nope',
      '--out',
      f.out('m.safetensors'),
    ],
    code: FAILURE,
    message: /good\.csv: no column "nope" \(columns: a, b, label\)/,
  },
  {
    name: 'train: a label column number past the end',
    args: (f) => [
      'train',
      '--data',
      f.at('good.csv'),
      '--label-column',
      '9',
      '--out',
      f.out('m.safetensors'),
    ],
    code: FAILURE,
    message: /good\.csv: no column "9"/,
  },
  {
    name: 'train: label column 0',
    args: (f) => [
      'train',
      '--data',
      f.at('good.csv'),
      '--label-column',
      '0',
      '--out',
      f.out('m.safetensors'),
    ],
    code: FAILURE,
    message: /good\.csv: no column "0"/,
  },
  {
    name: 'train: an unreadable CSV',
    args: (f) => ['train', '--data', f.at('unreadable.csv'), '--out', f.out('m.safetensors')],
    code: FAILURE,
    message: /unreadable\.csv: permission denied/,
    needsPermissions: true,
  },
  {
    name: 'train: an empty directory as data',
    args: (f) => ['train', '--data', f.at('idx-empty'), '--out', f.out('m.safetensors')],
    code: FAILURE,
    message: /--data .*idx-empty: expected IDX files .* found an empty directory/,
  },
  {
    name: 'train: a directory without IDX files',
    args: (f) => ['train', '--data', f.at('idx-other'), '--out', f.out('m.safetensors')],
    code: FAILURE,
    message: /found readme\.txt/,
  },
  {
    name: 'train: corrupt IDX files',
    args: (f) => ['train', '--data', f.at('idx-corrupt'), '--out', f.out('m.safetensors')],
    code: FAILURE,
    message: /at byte offset 4 of train-images-idx3-ubyte: expected dimension 0 of 3/,
  },
  {
    name: 'train: IDX images and labels of different counts',
    args: (f) => ['train', '--data', f.at('idx-mismatch'), '--out', f.out('m.safetensors')],
    code: FAILURE,
    message: /train-images-idx3-ubyte holds 120 images but train-labels-idx1-ubyte 7 labels/,
  },
  {
    name: 'train: an unreadable data directory',
    args: (f) => ['train', '--data', f.at('unreadable-dir'), '--out', f.out('m.safetensors')],
    code: FAILURE,
    message: /unreadable-dir.*permission denied/,
    needsPermissions: true,
  },
  {
    name: 'train: mnist absent without --download',
    args: (f) => [
      'train',
      '--data',
      'mnist',
      '--data-dir',
      f.at('idx-empty'),
      '--out',
      f.out('m.safetensors'),
    ],
    code: FAILURE,
    message: /train-images-idx3-ubyte\.gz is not in .*idx-empty; pass --download/,
  },
  {
    name: 'train: fashion-mnist absent without --download',
    args: (f) => [
      'train',
      '--data',
      'fashion-mnist',
      '--data-dir',
      f.at('idx-empty'),
      '--out',
      f.out('m.safetensors'),
    ],
    code: FAILURE,
    message: /fashion-mnist: train-images-idx3-ubyte\.gz is not in/,
  },
  {
    name: 'train: --data-dir is a file',
    args: (f) => [
      'train',
      '--data',
      'mnist',
      '--data-dir',
      f.at('a-file'),
      '--out',
      f.out('m.safetensors'),
    ],
    code: FAILURE,
    message: /a-file.*not a directory/,
  },
  {
    name: 'train: an mnist file failing its checksum',
    args: (f) => [
      'train',
      '--data',
      'mnist',
      '--data-dir',
      f.at('mnist-bad-checksum'),
      '--out',
      f.out('m.safetensors'),
    ],
    code: FAILURE,
    message: /checksum mismatch for .*train-images-idx3-ubyte\.gz .*pass --download/,
  },
  {
    name: 'eval: points model on image data',
    args: (f) => ['eval', f.at('points.safetensors'), '--data', 'mnist-sample'],
    code: FAILURE,
    message:
      /mnist-sample's classes \(0, 1, 2, .*9\) are not the model's \(0, 1\): was it trained on other data\?/,
  },
  {
    name: 'eval: image model on 2-D points',
    args: (f) => ['eval', f.at('digits.safetensors'), '--data', 'xor'],
    code: FAILURE,
    message: /xor has 2 classes but the model knows 10|xor's classes \(0, 1\) are not the model's/,
  },
  {
    name: 'eval: data that is missing',
    args: (f) => ['eval', f.at('points.safetensors'), '--data', f.at('missing.csv')],
    code: FAILURE,
    message: /missing\.csv: no such file or directory/,
  },
];

const resumeRows: CliCase[] = [
  {
    name: 'train: --resume with a different --lr',
    args: (f) => ['train', '--resume', f.at('checkpoint-ok.safetensors'), '--lr', '5'],
    code: USAGE,
    message: /--lr 5 differs from the checkpointed run's 0\.1; drop it to resume that run/,
  },
  {
    name: 'train: --resume with different --layers',
    args: (f) => ['train', '--resume', f.at('checkpoint-ok.safetensors'), '--layers', '8'],
    code: USAGE,
    message: /--layers 8 differs from the checkpointed run's 4/,
  },
  {
    name: 'train: --resume with another --optimizer',
    args: (f) => ['train', '--resume', f.at('checkpoint-ok.safetensors'), '--optimizer', 'adam'],
    code: USAGE,
    message: /--optimizer adam differs from the checkpointed run's sgd/,
  },
  {
    name: 'train: --resume with another --data',
    args: (f) => ['train', '--resume', f.at('checkpoint-ok.safetensors'), '--data', 'circles'],
    code: USAGE,
    message: /--data circles differs from the checkpointed run's xor/,
  },
  {
    name: 'train: --resume a checkpoint whose layers outgrow its weights',
    args: (f) => ['train', '--resume', f.at('checkpoint-huge.safetensors')],
    code: FAILURE,
    message:
      /checkpoint-huge\.safetensors: the checkpoint's layers \(100000, 100000\) need more weights than the file holds \(22\)/,
  },
  {
    name: 'eval: a checkpoint instead of a model',
    args: (f) => ['eval', f.at('checkpoint-ok.safetensors')],
    code: FAILURE,
    message: /is a training checkpoint, not a model; continue it with: nabla train --resume/,
  },
];

const outputRows: CliCase[] = [
  {
    name: 'train: --out under a regular file',
    args: (f) => ['train', '--data', 'xor', '--out', `${f.at('a-file')}/m.safetensors`],
    code: FAILURE,
    message: /--out .*a-file\/m\.safetensors: .*a-file is a file, not a directory/,
  },
  {
    name: 'train: --report under a regular file (no model either)',
    args: (f) => [
      'train',
      '--data',
      'xor',
      '--out',
      f.out('m.safetensors'),
      '--report',
      `${f.at('a-file')}/r.html`,
    ],
    code: FAILURE,
    message: /--report .*a-file is a file, not a directory/,
  },
  {
    name: 'train: --out in a read-only directory',
    args: (f) => ['train', '--data', 'xor', '--out', `${f.at('read-only')}/m.safetensors`],
    code: FAILURE,
    message: /cannot write in .*read-only \(permission denied\)/,
    needsPermissions: true,
  },
  {
    name: 'train: --report in a read-only directory',
    args: (f) => [
      'train',
      '--data',
      'xor',
      '--out',
      f.out('m.safetensors'),
      '--report',
      `${f.at('read-only')}/r.html`,
    ],
    code: FAILURE,
    message: /--report .*cannot write in .*read-only/,
    needsPermissions: true,
  },
  {
    name: 'train: --out in a directory the kernel refuses even to root (/sys)',
    args: () => ['train', '--data', 'xor', '--out', '/sys/nabla-validation/m.safetensors'],
    code: FAILURE,
    message: /--out \/sys\/nabla-validation\/m\.safetensors: cannot write in \/sys/,
  },
  {
    name: 'train: --out under /proc (recursive mkdir used to hang)',
    args: () => ['train', '--data', 'xor', '--out', '/proc/nabla-validation/m.safetensors'],
    code: FAILURE,
    message: /cannot write in \/proc/,
  },
  {
    name: 'train: --resume a missing file',
    args: (f) => ['train', '--resume', f.at('missing.safetensors')],
    code: FAILURE,
    message: /cannot read checkpoint .*missing\.safetensors: no such file/,
  },
  {
    name: 'train: --resume a model',
    args: (f) => ['train', '--resume', f.at('points.safetensors')],
    code: FAILURE,
    message: /is a trained model, not a checkpoint/,
  },
  {
    name: 'train: --resume random bytes',
    args: (f) => ['train', '--resume', f.at('random.safetensors')],
    code: FAILURE,
    message: /random\.safetensors: not a valid checkpoint file/,
  },
  {
    name: 'train: --resume a foreign safetensors file',
    args: (f) => ['train', '--resume', f.at('plain.safetensors')],
    code: FAILURE,
    message: /not a checkpoint written by nabla train/,
  },
  {
    name: 'train: --resume a run configuration that is not JSON',
    args: (f) => ['train', '--resume', f.at('checkpoint-bad-json.safetensors')],
    code: FAILURE,
    message: /run configuration is not valid JSON/,
  },
  {
    name: 'train: --resume a damaged run configuration',
    args: (f) => ['train', '--resume', f.at('checkpoint-damaged.safetensors')],
    code: FAILURE,
    message: /run configuration is damaged/,
  },
  {
    name: 'train: --resume a directory',
    args: (f) => ['train', '--resume', f.at('idx')],
    code: FAILURE,
    message: /cannot read checkpoint .*idx: is a directory/,
  },
];

/** The same broken model file through eval and predict. */
const MODEL_FILES: readonly [file: string, message: RegExp, needsPermissions?: boolean][] = [
  ['missing.safetensors', /cannot read model file .*missing\.safetensors: no such file/],
  ['idx', /cannot read model file .*idx: is a directory/],
  ['empty.safetensors', /empty\.safetensors: not a valid model file/],
  ['random.safetensors', /random\.safetensors: not a valid model file/],
  ['truncated.safetensors', /truncated\.safetensors: not a valid model file/],
  ['header-lie.safetensors', /header-lie\.safetensors: not a valid model file/],
  ['text.safetensors', /text\.safetensors: not a valid model file/],
  [
    'plain.safetensors',
    /plain\.safetensors: is a safetensors file but not a model written by nabla train/,
  ],
  [
    'future-format.safetensors',
    /has format "nabla\.cli\.model\/99"; this nabla reads "nabla\.cli\.model\/1"/,
  ],
  ['arch-not-json.safetensors', /its metadata "nabla\.architecture" is not valid JSON/],
  ['arch-array.safetensors', /its metadata "nabla\.architecture" is not a JSON object/],
  ['arch-cnn.safetensors', /"nabla\.architecture" is not an MLP/],
  ['arch-activation.safetensors', /names an unknown activation "swish"/],
  ['arch-dropout.safetensors', /has a dropout outside \[0, 1\)/],
  ['arch-sizes.safetensors', /has no valid layer sizes/],
  ['arch-mismatch.safetensors', /\(2 → 8 → 2\) has 42 parameters but the file holds 22 weights/],
  [
    'arch-huge.safetensors',
    /\(2 → 30000 → 30000 → 2\) has \d+ parameters but the file holds 22 weights/,
  ],
  ['norm-nan.safetensors', /"nabla\.normalization" is not \{ mean, std \}/],
  ['input-features.safetensors', /"nabla\.input" says 3 features but the first layer takes 2/],
  ['classes.safetensors', /"nabla\.data" does not list one class name per output/],
  [
    'unreadable.safetensors',
    /cannot read model file .*unreadable\.safetensors: permission denied/,
    true,
  ],
];

const modelRows: CliCase[] = MODEL_FILES.flatMap(([file, message, needsPermissions]) =>
  (['eval', 'predict'] as const).map(
    (command): CliCase => ({
      name: `${command}: model file ${file}`,
      args: (f) =>
        command === 'eval' ? ['eval', f.at(file)] : ['predict', f.at(file), '--point', '1,2'],
      code: FAILURE,
      message,
      ...(needsPermissions ? { needsPermissions } : {}),
    }),
  ),
);

const imageRows: CliCase[] = [
  {
    name: 'predict: a missing PNG',
    args: (f) => ['predict', f.at('digits.safetensors'), f.at('missing.png')],
    code: FAILURE,
    message: /missing\.png: no such file/,
  },
  {
    name: 'predict: a PNG that is not a PNG',
    args: (f) => ['predict', f.at('digits.safetensors'), f.at('not-a-png.png')],
    code: FAILURE,
    message: /not-a-png\.png: not a valid PNG image/,
  },
  {
    name: 'predict: a truncated PNG',
    args: (f) => ['predict', f.at('digits.safetensors'), f.at('truncated.png')],
    code: FAILURE,
    message: /truncated\.png: not a valid PNG image/,
  },
  {
    name: 'predict: a directory named .png',
    args: (f) => ['predict', f.at('digits.safetensors'), f.at('png-dir.png')],
    code: FAILURE,
    message: /png-dir\.png: is a directory/,
  },
  {
    name: 'predict: a blank image',
    args: (f) => ['predict', f.at('digits.safetensors'), f.at('blank.png')],
    code: FAILURE,
    message: /blank\.png: no digit found/,
  },
  {
    name: 'predict: a good image then a bad one (nothing printed)',
    args: (f) => ['predict', f.at('digits.safetensors'), f.at('digit.png'), f.at('not-a-png.png')],
    code: FAILURE,
    message: /not-a-png\.png: not a valid PNG image/,
  },
];

export const CLI_CASES: readonly CliCase[] = [
  ...usageRows,
  ...flagRows,
  ...dataRows,
  ...outputRows,
  ...resumeRows,
  ...modelRows,
  ...imageRows,
];
