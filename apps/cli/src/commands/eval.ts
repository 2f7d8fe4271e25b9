import { Command } from 'commander';
import type { EvalFlags } from '../actions/eval.js';
import { withCommonOptions } from '../args/command.js';
import type { Io } from '../context.js';

export function evalCommand(io: Io, setExit: (code: number) => void): Command {
  const command = new Command('eval')
    .summary('evaluate a trained model on a test set')
    .description(
      'Evaluates a model written by nabla train on the test part of a data set: loss, accuracy, accuracy per class and the confusion matrix. The model file holds its input normalisation and classes, so nothing else is needed.',
    )
    .argument('<model>', 'a model file written by nabla train')
    .option(
      '--data <name|path>',
      'the data to evaluate on (default: the data the model was trained on)',
    )
    .option('--data-dir <dir>', 'where mnist and fashion-mnist are read from or downloaded to')
    .option('--download', 'download mnist or fashion-mnist when missing', false)
    .option('--label-column <name|n>', 'CSV data: the label column')
    .option(
      '--json',
      'print one JSON object (accuracy, loss, per-class accuracy, confusion matrix)',
      false,
    );
  withCommonOptions(command, [
    'nabla eval model.safetensors',
    'nabla eval model.safetensors --data mnist --data-dir ../shared/data/mnist',
    'nabla eval model.safetensors --json',
  ]);
  command.action(async (modelPath: string, flags: EvalFlags) => {
    const { runEval } = await import('../actions/eval.js');
    setExit(await runEval(modelPath, flags, io));
  });
  return command;
}
