import { Command } from 'commander';
import type { PredictFlags } from '../actions/predict.js';
import { withCommonOptions } from '../args/command.js';
import { collect, point, positiveInteger } from '../args/values.js';
import type { Io } from '../context.js';

export function predictCommand(io: Io, setExit: (code: number) => void): Command {
  const command = new Command('predict')
    .summary('classify PNG images or points with a trained model')
    .description(
      'Prints the most probable classes of each input. Image models take PNG files: each is converted to grayscale, the digit cropped, scaled to fit 20×20 and centred by its centre of mass in 28×28, as MNIST was prepared (dark-on-light pictures are inverted). Other models take --point with one number per input feature.',
    )
    .argument('<model>', 'a model file written by nabla train')
    .argument('[images...]', 'PNG images (for image models)')
    .option('--point <x,y>', 'an input as comma-separated numbers (repeatable)', collect(point))
    .option('--top <k>', 'how many classes to show', positiveInteger, 3)
    .option('--json', 'print one JSON line per input with "top": [{ label, probability }]', false);
  withCommonOptions(command, [
    'nabla predict model.safetensors digit.png',
    'nabla predict model.safetensors scans/*.png --json',
    'nabla predict circles.safetensors --point 0.5,-1 --point 4,4',
  ]);
  command.action(async (modelPath: string, images: string[], flags: PredictFlags) => {
    const { runPredict } = await import('../actions/predict.js');
    setExit(await runPredict(modelPath, images, flags, io));
  });
  return command;
}
