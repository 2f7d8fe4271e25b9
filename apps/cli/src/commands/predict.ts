import { Tensor } from '@nabla/tensor';
import { Command } from 'commander';
import { usageHint, withCommonOptions } from '../args/command.js';
import { collect, point, positiveInteger } from '../args/values.js';
import { type Io, print } from '../context.js';
import { applyNormalization } from '../data/normalize.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { preprocessDigit } from '../image/mnist-preprocess.js';
import { decodePng } from '../image/png.js';
import { loadModelFile, readInput } from '../model/file.js';
import { predictProbabilities, topK } from '../model/predict.js';
import { formatPercent } from '../output/format.js';
import { writeJson } from '../output/json.js';
import { formatTable } from '../output/table.js';

interface PredictFlags {
  point?: number[][];
  top: number;
  json: boolean;
}

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
  command.showHelpAfterError(usageHint(command));
  command.action(async (modelPath: string, images: string[], flags: PredictFlags) => {
    const points = flags.point ?? [];
    if (images.length === 0 && points.length === 0) {
      throw new UsageError('give PNG images to classify, or --point x,y for models of points');
    }
    const { model, info } = await loadModelFile(modelPath);
    const { input } = info;
    const classes = info.data.classes;
    const rows: { name: string; input: Float32Array; key: 'file' | 'point'; value: unknown }[] = [];
    if (images.length > 0) {
      if (input.kind !== 'image' || input.imageShape === null) {
        throw new UsageError(
          `${modelPath} takes ${input.features} numbers, not images: use --point with ${input.features} comma-separated values`,
        );
      }
      const [height, width] = input.imageShape;
      if (height !== width) {
        throw new UsageError(
          `${modelPath} takes ${height}×${width} images; only square digit images are supported`,
        );
      }
      // Every file is read and checked before anything is printed.
      for (const file of images) {
        const image = decodePng(await readInput(file, 'image'), file);
        const box = Math.round((height * 20) / 28);
        rows.push({
          name: file,
          input: preprocessDigit(image, file, { size: height, box }),
          key: 'file',
          value: file,
        });
      }
    }
    for (const p of points) {
      if (p.length !== input.features) {
        throw new UsageError(
          `--point ${p.join(',')} has ${p.length} values but ${modelPath} takes ${input.features}${input.featureNames ? ` (${input.featureNames.join(', ')})` : ''}`,
        );
      }
      rows.push({ name: p.join(','), input: Float32Array.from(p), key: 'point', value: p });
    }

    const x = new Float32Array(rows.length * input.features);
    rows.forEach((r, i) => {
      x.set(r.input, i * input.features);
    });
    const normalised = applyNormalization(
      new Tensor(x, [rows.length, input.features]),
      info.normalization,
    );
    const probabilities = predictProbabilities(model, normalised);
    const results = rows.map((r, i) => ({
      row: r,
      top: topK(probabilities, classes.length, i, flags.top).map((t) => ({
        label: classes[t.index]!,
        index: t.index,
        probability: t.probability,
      })),
    }));
    if (flags.json) {
      for (const { row, top } of results)
        writeJson(io.out, { type: 'prediction', [row.key]: row.value, top });
    } else {
      const k = Math.min(flags.top, classes.length);
      const ordinal = ['1st', '2nd', '3rd'];
      print(
        io,
        formatTable(
          [
            { header: rows.some((r) => r.key === 'file') ? 'input' : 'point', align: 'left' },
            ...Array.from({ length: k }, (_, j) => ({
              header: ordinal[j] ?? `${j + 1}th`,
              align: 'left' as const,
            })),
          ],
          results.map(({ row, top }) => [
            row.name,
            ...top.map((t) => `${t.label} ${formatPercent(t.probability, 1)}`),
          ]),
        ),
      );
    }
    setExit(EXIT_OK);
  });
  return command;
}
