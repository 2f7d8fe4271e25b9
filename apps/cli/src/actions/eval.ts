// `nabla eval`: the model file alone decides the input normalisation and the classes.
import { crossEntropy } from '@nabla/losses';
import { accuracy, confusionMatrix, evaluate } from '@nabla/train';
import { type Io, print } from '../context.js';
import { loadData } from '../data/load.js';
import { applyNormalization } from '../data/normalize.js';
import { CliError, EXIT_OK } from '../errors.js';
import { loadModelFile } from '../model/file.js';
import { formatCount, formatNumber, formatPercent } from '../output/format.js';
import { writeJson } from '../output/json.js';
import { formatTable } from '../output/table.js';

export interface EvalFlags {
  data?: string;
  dataDir?: string;
  download: boolean;
  labelColumn?: string;
  json: boolean;
}

export async function runEval(modelPath: string, flags: EvalFlags, io: Io): Promise<number> {
  const { model, info } = await loadModelFile(modelPath);
  const sameData = flags.data === undefined || flags.data === info.data.name;
  const data = await loadData({
    data: flags.data ?? info.data.name,
    dataDir: flags.dataDir,
    download: flags.download,
    noise: sameData ? info.data.noise : 0,
    labelColumn: flags.labelColumn ?? (sameData ? (info.data.labelColumn ?? undefined) : undefined),
    classes: info.data.classes,
  });
  if (data.features !== info.input.features) {
    throw new CliError(
      `${data.name} has ${data.features} inputs per sample but the model takes ${info.input.features}`,
    );
  }
  const classes = info.data.classes;
  const test = evaluate(
    model,
    { x: applyNormalization(data.test.x, info.normalization), y: data.test.y },
    {
      loss: crossEntropy,
      metrics: [accuracy(), confusionMatrix({ numClasses: classes.length })],
    },
  );
  const matrix = test.metrics.confusionMatrix as number[][];
  const perClass = matrix.map((row, k) => {
    const total = row.reduce((a, b) => a + b, 0);
    return {
      label: classes[k]!,
      accuracy: total === 0 ? Number.NaN : row[k]! / total,
      samples: total,
    };
  });
  const acc = test.metrics.accuracy as number;
  if (flags.json) {
    writeJson(io.out, {
      type: 'eval',
      model: modelPath,
      data: data.name,
      samples: test.samples,
      accuracy: acc,
      loss: test.loss,
      perClassAccuracy: Object.fromEntries(perClass.map((c) => [c.label, c.accuracy])),
      classes,
      confusionMatrix: matrix,
    });
  } else {
    print(
      io,
      `${modelPath} on ${data.name} (test part, ${formatCount(test.samples)} samples)\n\nAccuracy  ${formatPercent(acc)}\nLoss      ${formatNumber(test.loss)}\n`,
    );
    print(
      io,
      formatTable(
        [{ header: 'class', align: 'left' }, { header: 'accuracy' }, { header: 'samples' }],
        perClass.map((c) => [c.label, formatPercent(c.accuracy), formatCount(c.samples)]),
      ),
    );
    print(io, '\nConfusion matrix (rows: true class, columns: predicted class)\n');
    print(
      io,
      formatTable(
        [{ header: 'true \\ pred', align: 'left' }, ...classes.map((c) => ({ header: c }))],
        matrix.map((row, k) => [classes[k]!, ...row.map(String)]),
      ),
    );
  }
  return EXIT_OK;
}
