// The HTML report of a finished run (--report), written atomically once complete.

import { dirname } from 'node:path';
import { writeFileAtomic } from '@nabla/datasets/node';
import type { Module } from '@nabla/nn';
import type { EarlyStopping, EpochLog, History } from '@nabla/train';
import type { LoadedData } from '../data/load.js';
import { describeArchitecture } from '../model/build.js';
import { predictProbabilities } from '../model/predict.js';
import type { Architecture } from '../model/spec.js';
import { makeDirectories } from '../output/location.js';
import { shellQuote } from '../output/shell.js';
import { buildReport } from '../report/build.js';
import { renderReport } from '../report/html.js';
import type { RunConfig } from './config.js';
import { epochRow } from './events.js';
import { describeOptimizer } from './optimizer.js';
import type { PreparedData } from './prepare.js';

export interface RunResults {
  readonly data: LoadedData;
  readonly prepared: PreparedData;
  readonly config: RunConfig;
  readonly architecture: Architecture;
  readonly model: Module;
  readonly history: History;
  readonly early: EarlyStopping;
  readonly testAccuracy: number;
  readonly testLoss: number;
  readonly confusion: number[][];
  readonly stopMessage: string;
  readonly modelPath: string;
}

export async function writeRunReport(path: string, r: RunResults): Promise<void> {
  const { data, prepared, config, early } = r;
  const bestEpoch = early.bestEpoch;
  const html = renderReport(
    buildReport({
      title: `nabla train: ${data.name}`,
      command: `nabla ${process.argv.slice(2).map(shellQuote).join(' ')}`,
      facts: [
        [
          'data',
          `${data.name} (${prepared.train.y.size} train, ${prepared.val.y.size} validation, ${prepared.test.y.size} test)`,
        ],
        [
          'model',
          `${describeArchitecture(r.architecture)} (${r.model.numParameters()} parameters)`,
        ],
        ['optimizer', `${describeOptimizer(config)}, batch size ${config.batchSize}`],
        ['test accuracy', `${(100 * r.testAccuracy).toFixed(2)}%`],
        ['test loss', r.testLoss.toFixed(4)],
        ['epochs', `${r.history.epochs.length}${bestEpoch === null ? '' : ` (best ${bestEpoch})`}`],
        ['model file', r.modelPath],
      ],
      epochs: r.history.epochs.map((log: EpochLog) => {
        const row = epochRow(log, early);
        return {
          epoch: row.epoch,
          loss: row.loss,
          accuracy: row.accuracy,
          valLoss: row.valLoss,
          valAccuracy: row.valAccuracy,
          smoothedValLoss: row.valLossSmoothed,
          lr: row.lr,
        };
      }),
      bestEpoch,
      stoppedEpoch: early.stoppedEpoch,
      stopMessage: r.stopMessage,
      data,
      stats: prepared.stats,
      model: r.model,
      probabilities: predictProbabilities(r.model, prepared.test.x),
      confusion: r.confusion,
    }),
  );
  await makeDirectories(dirname(path));
  await writeFileAtomic(path, new TextEncoder().encode(html));
}
