// `nabla predict`: PNG digits prepared as MNIST was, or points, through a model file.
import { checkFiniteTensor, NonFiniteDataError } from '@nabla/datasets';
import { Tensor } from '@nabla/tensor';
import { type Io, print } from '../context.js';
import { applyNormalization } from '../data/normalize.js';
import { CliError, EXIT_OK, UsageError } from '../errors.js';
import { preprocessDigit } from '../image/mnist-preprocess.js';
import { decodePng, type GrayImage } from '../image/png.js';
import { loadModelFile, readInput } from '../model/file.js';
import { predictProbabilities, topK } from '../model/predict.js';
import { formatPercent } from '../output/format.js';
import { writeJson } from '../output/json.js';
import { formatTable } from '../output/table.js';

export interface PredictFlags {
  point?: number[][];
  top: number;
  json: boolean;
}

interface Input {
  readonly name: string;
  readonly key: 'file' | 'point';
  readonly value: string | number[];
  readonly features: Float32Array;
}

export async function runPredict(
  modelPath: string,
  images: string[],
  flags: PredictFlags,
  io: Io,
): Promise<number> {
  const points = flags.point ?? [];
  if (images.length === 0 && points.length === 0) {
    throw new UsageError('give PNG images to classify, or --point x,y for models of points');
  }
  // Every image is read and decoded before anything else, so a bad file fails the command
  // before any output.
  const decoded: { file: string; image: GrayImage }[] = [];
  for (const file of images) {
    decoded.push({ file, image: decodePng(await readInput(file, 'image'), file) });
  }
  const { model, info } = await loadModelFile(modelPath);
  const { input } = info;
  const classes = info.data.classes;
  const inputs: Input[] = [];
  if (decoded.length > 0) {
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
    // MNIST's proportions: a 20-pixel box in a 28-pixel field.
    const layout = { size: height, box: Math.round((height * 20) / 28) };
    for (const { file, image } of decoded) {
      inputs.push({
        name: file,
        key: 'file',
        value: file,
        features: preprocessDigit(image, file, layout),
      });
    }
  }
  for (const p of points) {
    if (p.length !== input.features) {
      throw new UsageError(
        `--point ${p.join(',')} has ${p.length} values but ${modelPath} takes ${input.features}${input.featureNames ? ` (${input.featureNames.join(', ')})` : ''}`,
      );
    }
    inputs.push({ name: p.join(','), key: 'point', value: p, features: Float32Array.from(p) });
  }

  const x = new Float32Array(inputs.length * input.features);
  inputs.forEach((r, i) => {
    x.set(r.features, i * input.features);
  });
  const normalised = applyNormalization(
    new Tensor(x, [inputs.length, input.features]),
    info.normalization,
  );
  checkFiniteInputs(normalised, inputs);
  const probabilities = predictProbabilities(model, normalised);
  const results = inputs.map((r, i) => ({
    input: r,
    top: topK(probabilities, classes.length, i, flags.top).map((t) => ({
      label: classes[t.index]!,
      index: t.index,
      probability: t.probability,
    })),
  }));
  if (flags.json) {
    for (const { input: r, top } of results) {
      writeJson(io.out, { type: 'prediction', [r.key]: r.value, top });
    }
    return EXIT_OK;
  }
  const k = Math.min(flags.top, classes.length);
  const ordinal = ['1st', '2nd', '3rd'];
  print(
    io,
    formatTable(
      [
        { header: decoded.length > 0 ? 'input' : 'point', align: 'left' },
        ...Array.from({ length: k }, (_, j) => ({
          header: ordinal[j] ?? `${j + 1}th`,
          align: 'left' as const,
        })),
      ],
      results.map(({ input: r, top }) => [
        r.name,
        ...top.map((t) => `${t.label} ${formatPercent(t.probability, 1)}`),
      ]),
    ),
  );
  return EXIT_OK;
}

/**
 * Inputs are finite when given, but normalising with the training data's statistics can take a
 * huge one past float32's range; the model would then answer NaN for it. Refuse it by name.
 */
function checkFiniteInputs(normalised: Tensor, inputs: readonly Input[]): void {
  try {
    checkFiniteTensor('predict', 'input', normalised);
  } catch (error) {
    if (!(error instanceof NonFiniteDataError)) throw error;
    const r = inputs[error.sample]!;
    throw new CliError(
      `${r.key === 'point' ? `--point ${r.name}` : r.name}: value ${error.feature + 1} becomes ${error.value} once normalised as the training data was: too large for this model`,
    );
  }
}
