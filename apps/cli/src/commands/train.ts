import { Command, Option } from 'commander';
import { withCommonOptions } from '../args/command.js';
import {
  layerSizes,
  nonNegativeInteger,
  nonNegativeNumber,
  openUnitInterval,
  positiveInteger,
  positiveNumber,
  seed,
  unitInterval,
} from '../args/values.js';
import type { Io } from '../context.js';
import { catalogNames } from '../data/catalog.js';
import { OPTIMIZERS, type TrainFlags } from '../train/config.js';
import { ACTIVATION_FLAGS, activationFromFlag } from './activation.js';

export function trainCommand(io: Io, setExit: (code: number) => void): Command {
  const command = new Command('train')
    .summary('train an MLP classifier and save it')
    .description(
      'Trains a multi-layer perceptron classifier with early stopping, shows its progress, evaluates it on the test set and saves it (weights, architecture and input normalisation) to a safetensors file. Ctrl-C stops after the current batch and writes a checkpoint that --resume continues exactly.',
    )
    .option(
      '--data <name|path>',
      `the data: ${catalogNames()}, a directory of IDX files, or a CSV file with a label column`,
      'mnist-sample',
    )
    .option(
      '--data-dir <dir>',
      'where mnist and fashion-mnist are read from or downloaded to (default: $NABLA_HOME/<name>, or ~/.cache/nabla/<name>)',
    )
    .option('--download', 'download mnist or fashion-mnist into --data-dir when missing', false)
    .option('--noise <x>', 'noise of the 2-D toy sets, in [0, 1)', unitInterval, 0)
    .option(
      '--label-column <name|n>',
      'CSV data: the label column (default: "label", else the last)',
    )
    .option(
      '--layers <sizes>',
      'hidden layer sizes, e.g. 256,128, or "none" (default: 256 for images, 16,16 for 2-D points, 32 for other tables)',
      layerSizes,
    )
    .addOption(
      new Option('--activation <name>', 'activation after each hidden layer')
        .choices(ACTIVATION_FLAGS)
        .default('relu'),
    )
    .option(
      '--dropout <p>',
      'dropout probability after each hidden activation, in [0, 1)',
      unitInterval,
      0,
    )
    .addOption(
      new Option('--optimizer <name>', 'the optimizer').choices(OPTIMIZERS).default('adam'),
    )
    .option(
      '--lr <rate>',
      'learning rate (default: 0.001 for adam, adamw and rmsprop; 0.01 for momentum, nesterov and adagrad; 0.1 for sgd; ten times these for data other than images)',
      positiveNumber,
    )
    .option(
      '--momentum <m>',
      'momentum, in [0, 1) (default: 0.9 for momentum and nesterov, else 0)',
      unitInterval,
    )
    .option(
      '--weight-decay <lambda>',
      'weight decay (default: 0; 0.01 for adamw)',
      nonNegativeNumber,
    )
    .option('--batch-size <n>', 'samples per batch', positiveInteger, 32)
    .option('--epochs <n>', 'most epochs to train', positiveInteger, 20)
    .option(
      '--patience <n>',
      'epochs without improvement of the validation loss before stopping; 0 turns early stopping off',
      nonNegativeInteger,
      5,
    )
    .option(
      '--smoothing <alpha>',
      'EMA factor α in [0, 1) applied to the validation loss before early stopping compares it (0: none)',
      unitInterval,
      0.3,
    )
    .option(
      '--min-delta <x>',
      'smallest decrease of the validation loss that counts as improvement',
      nonNegativeNumber,
      0,
    )
    .option(
      '--val-split <fraction>',
      'share of the training data held out for validation',
      openUnitInterval,
      0.1,
    )
    .option(
      '--seed <n>',
      'seed of the initial weights, the shuffling, the split and dropout',
      seed,
      0,
    )
    .option('--out <file>', 'where to write the trained model', 'model.safetensors')
    .option(
      '--report <file>',
      'also write a self-contained HTML report (curves, confusion matrix, mistakes)',
    )
    .option(
      '--json',
      'print JSON lines (progress, epochs, a final summary) instead of bars and tables',
      false,
    )
    .option('--resume <checkpoint>', 'continue the interrupted run saved in this checkpoint');
  withCommonOptions(command, [
    'nabla train',
    'nabla train --data mnist --data-dir ../shared/data/mnist --layers 256,128 --epochs 30',
    'nabla train --data mnist --download --report report.html',
    'nabla train --data circles --layers 8,8 --activation tanh --optimizer nesterov --lr 0.05',
    'nabla train --data iris.csv --label-column species --out iris.safetensors',
    'nabla train --json --epochs 5 > run.jsonl',
    'nabla train --resume model.checkpoint.safetensors',
  ]);
  command.action(async (_options, cmd: Command) => {
    const raw = cmd.opts<Omit<TrainFlags, 'activation'> & { activation: string }>();
    const flags: TrainFlags = { ...raw, activation: activationFromFlag(raw.activation) };
    const given = (key: keyof TrainFlags) => cmd.getOptionValueSource(key) === 'cli';
    const { runTrain } = await import('../train/run.js');
    setExit(await runTrain(flags, given, io));
  });
  return command;
}
