// `nabla train`, start to end: the data, the model, fit with early stopping and a Ctrl-C
// checkpoint, the test set, the model file, the report and the summary. Files are written only
// when their content is complete, each atomically.
import { dirname } from 'node:path';
import { DataLoader } from '@nabla/datasets';
import { crossEntropy } from '@nabla/losses';
import { NonFiniteWeightError } from '@nabla/nn';
import {
  accuracy,
  confusionMatrix,
  EarlyStopping,
  evaluate,
  fit,
  type History,
  NonFiniteGradientError,
  NonFiniteLossError,
  type TrainingCheckpoint,
} from '@nabla/train';
import { type LoadedData, loadData } from '../data/load.js';
import { CliError, EXIT_INTERRUPTED, EXIT_OK } from '../errors.js';
import { buildModel, describeArchitecture } from '../model/build.js';
import { saveModelFile } from '../model/file.js';
import type { Architecture } from '../model/spec.js';
import { formatNumber } from '../output/format.js';
import { checkOutputLocation, makeDirectories } from '../output/location.js';
import { invocation, shellQuote } from '../output/shell.js';
import { loadRunCheckpoint, saveRunCheckpoint } from './checkpoint-file.js';
import {
  checkpointPathFor,
  mergeResumedConfig,
  type Outputs,
  type RunConfig,
  resolveRunConfig,
  type TrainFlags,
} from './config.js';
import type { TrainReporter, TrainSummary } from './events.js';
import { CheckpointOnAbort, Interrupt } from './interrupt.js';
import { JsonReporter } from './json-reporter.js';
import { describeOptimizer, makeOptimizer } from './optimizer.js';
import { prepareData } from './prepare.js';
import { writeRunReport } from './report.js';
import { type Streams, TerminalReporter } from './terminal-reporter.js';

/** Evaluation batches: large, as no graph is kept. */
const EVAL_BATCH = 1000;

export async function runTrain(
  flags: TrainFlags,
  given: (key: keyof TrainFlags) => boolean,
  streams: Streams,
): Promise<number> {
  const started = performance.now();
  let resume: { checkpoint: TrainingCheckpoint; path: string } | null = null;
  let stored: { config: RunConfig; outputs: Outputs } | null = null;
  if (flags.resume !== undefined) {
    const { checkpoint, run } = await loadRunCheckpoint(flags.resume);
    resume = { checkpoint, path: flags.resume };
    stored = run;
  }
  const outputs: Outputs = {
    out: given('out') || stored === null ? flags.out : stored.outputs.out,
    report: given('report') || stored === null ? (flags.report ?? null) : stored.outputs.report,
    dataDir: given('dataDir') || stored === null ? (flags.dataDir ?? null) : stored.outputs.dataDir,
  };

  await checkOutputLocation('--out', outputs.out);
  if (outputs.report !== null) await checkOutputLocation('--report', outputs.report);

  // A resumed run's configuration is known now; a new run's layer default waits for the data.
  const resumed = stored === null ? null : mergeResumedConfig(stored.config, flags, given);
  const stopping = resumed ?? flags;
  const trainAccuracy = accuracy();
  const early = new EarlyStopping({
    monitor: 'valLoss',
    // Patience 0 turns early stopping off; the best epoch is still restored at the end.
    patience: stopping.patience === 0 ? Number.MAX_SAFE_INTEGER : stopping.patience,
    minDelta: stopping.minDelta,
    smoothing: stopping.smoothing,
    restoreBestWeights: true,
  });
  const reporter: TrainReporter = flags.json
    ? new JsonReporter(streams.out, early)
    : new TerminalReporter(streams, early, trainAccuracy);

  let data: LoadedData;
  try {
    data = await loadData({
      data: resumed?.data ?? flags.data,
      dataDir: outputs.dataDir ?? undefined,
      download: flags.download,
      noise: resumed?.noise ?? flags.noise,
      labelColumn: resumed?.labelColumn ?? flags.labelColumn,
      onDownload: (p) => reporter.download(p),
    });
  } finally {
    reporter.dispose();
  }
  const config = resumed ?? resolveRunConfig(flags, data.kind);
  const prepared = prepareData(data, config.valSplit, config.seed);

  const architecture: Architecture = {
    type: 'mlp',
    sizes: [data.features, ...config.layers, data.classes.length],
    activation: config.activation,
    dropout: config.dropout,
  };
  const { model } = buildModel(architecture, config.seed);
  const optimizer = makeOptimizer(model.parameters(), config);
  const trainLoader = new DataLoader(prepared.train, {
    batchSize: config.batchSize,
    shuffle: true,
    seed: config.seed,
  });
  const valLoader = new DataLoader(prepared.val, { batchSize: EVAL_BATCH });
  const capture = new CheckpointOnAbort();
  const checkpointPath = resume?.path ?? checkpointPathFor(outputs.out);

  reporter.start({
    data: data.name,
    classes: data.classes,
    inputs:
      data.imageShape !== null
        ? `${data.imageShape[0]}×${data.imageShape[1]} images`
        : `${data.features} features`,
    trainSize: prepared.train.y.size,
    valSize: prepared.val.y.size,
    testSize: prepared.test.y.size,
    model: describeArchitecture(architecture),
    parameters: model.numParameters(),
    optimizer: describeOptimizer(config),
    batchSize: config.batchSize,
    epochs: config.epochs,
    earlyStopping:
      config.patience === 0
        ? 'after all epochs (early stopping off); the best epoch’s weights are kept (* marks a new best)'
        : `when the validation loss${config.smoothing > 0 ? ` (EMA, α = ${config.smoothing})` : ''} has not improved${config.minDelta > 0 ? ` by more than ${config.minDelta}` : ''} for ${epochs(config.patience)}; the best epoch’s weights are kept (* marks a new best)`,
    resumed:
      resume === null
        ? null
        : {
            checkpoint: resume.path,
            epoch: resume.checkpoint.epoch,
            batch: resume.checkpoint.progress?.batches ?? 0,
          },
  });

  const interrupt = new Interrupt();
  interrupt.install(
    () => reporter.interrupting(),
    () => reporter.dispose(),
  );
  let history: History;
  const fitStarted = performance.now();
  try {
    history = await fit(model, {
      loss: crossEntropy,
      optimizer,
      train: trainLoader,
      val: valLoader,
      epochs: config.epochs,
      metrics: [trainAccuracy],
      callbacks: [early, reporter.callback, capture],
      signal: interrupt.controller.signal,
      ...(resume === null ? {} : { resume: resume.checkpoint }),
    });
  } catch (error) {
    throw divergedError(error, config.lr, outputs.out);
  } finally {
    interrupt.uninstall();
    reporter.dispose();
  }
  const trainSeconds = (performance.now() - fitStarted) / 1000;

  if (history.stop.reason === 'aborted' && capture.checkpoint !== null) {
    await makeDirectories(dirname(checkpointPath));
    await saveRunCheckpoint(checkpointPath, capture.checkpoint, { config, outputs });
    reporter.interrupted({
      checkpoint: checkpointPath,
      epoch: history.stop.epoch,
      batch: history.stop.batch,
      batches: trainLoader.length,
      resume: `${invocation()} train --resume ${shellQuote(checkpointPath)}`,
    });
    return EXIT_INTERRUPTED;
  }

  // The test set, with the weights early stopping restored.
  const classes = data.classes.length;
  const confusion = confusionMatrix({ numClasses: classes });
  const test = evaluate(model, prepared.test, {
    loss: crossEntropy,
    metrics: [accuracy(), confusion],
    batchSize: EVAL_BATCH,
  });
  const matrix = test.metrics.confusionMatrix as number[][];
  const perClassAccuracy: Record<string, number> = {};
  matrix.forEach((row, k) => {
    const total = row.reduce((a, b) => a + b, 0);
    perClassAccuracy[data.classes[k]!] = total === 0 ? Number.NaN : row[k]! / total;
  });

  const bestEpoch = early.bestEpoch;
  const stoppedEarly = history.stop.reason === 'stopped';
  const epochsRun = history.epochs.length;
  const stopMessage = describeStop(history, early, config);
  const trainingInfo = {
    optimizer: config.optimizer,
    lr: config.lr,
    momentum: config.momentum,
    weightDecay: config.weightDecay,
    batchSize: config.batchSize,
    seed: config.seed,
    valSplit: config.valSplit,
    epochs: epochsRun,
    bestEpoch,
    stoppedEarly,
    testAccuracy: test.metrics.accuracy,
    testLoss: test.loss,
    date: new Date().toISOString(),
  };
  await saveModelFile(outputs.out, model, {
    architecture,
    input: {
      kind: data.kind,
      features: data.features,
      imageShape: data.imageShape,
      featureNames: data.featureNames,
    },
    normalization: prepared.stats,
    data: {
      name: data.name,
      classes: data.classes,
      noise: config.noise,
      labelColumn: config.labelColumn,
    },
    training: trainingInfo,
  });

  if (outputs.report !== null) {
    await writeRunReport(outputs.report, {
      data,
      prepared,
      config,
      architecture,
      model,
      history,
      early,
      testAccuracy: test.metrics.accuracy as number,
      testLoss: test.loss,
      confusion: matrix,
      stopMessage,
      modelPath: outputs.out,
    });
  }

  const trainedSamples = history.epochs.reduce((s, e) => s + e.samples, 0);
  const trainedTime = history.epochs.reduce(
    (s, e) => s + (e.samplesPerSecond > 0 ? e.samples / e.samplesPerSecond : 0),
    0,
  );
  const summary: TrainSummary = {
    testAccuracy: test.metrics.accuracy as number,
    testLoss: test.loss,
    testSamples: test.samples,
    perClassAccuracy,
    confusionMatrix: matrix,
    classes: data.classes,
    epochs: epochsRun,
    bestEpoch,
    restoredEpoch: early.restoredEpoch,
    stoppedEarly,
    stopMessage,
    seconds: (performance.now() - started) / 1000,
    trainSeconds,
    samplesPerSecond: trainedTime > 0 ? trainedSamples / trainedTime : Number.NaN,
    model: outputs.out,
    report: outputs.report,
  };
  reporter.finished(summary);
  return EXIT_OK;
}

/**
 * A run that diverged (NaN or infinite loss, gradient or weight) says so in the CLI's terms: the
 * flag to change, and that the model file was not written (an earlier one stays as it was).
 */
function divergedError(error: unknown, lr: number, out: string): unknown {
  if (
    error instanceof NonFiniteLossError ||
    error instanceof NonFiniteGradientError ||
    error instanceof NonFiniteWeightError
  ) {
    const message = error.message.replace(/: try a lower learning rate.*$/, '');
    return new CliError(
      `training diverged: ${message}; try a lower --lr than ${lr}. ${out} was not written.`,
    );
  }
  return error;
}

/** "1 epoch", "5 epochs". */
function epochs(n: number): string {
  return `${n} epoch${n === 1 ? '' : 's'}`;
}

/** Where training stopped and why, in a sentence or two. */
function describeStop(history: History, early: EarlyStopping, config: RunConfig): string {
  const best = early.bestEpoch;
  const what = config.smoothing > 0 ? 'the smoothed validation loss' : 'the validation loss';
  const restored = best === null ? '' : ` The model holds the weights of epoch ${best}, the best.`;
  if (history.stop.reason === 'stopped' && early.stoppedEpoch !== null) {
    const bestValue = early.best === null ? '' : ` (${formatNumber(early.best)} at epoch ${best})`;
    return `Early stopping ended training after epoch ${early.stoppedEpoch}: ${what} had not improved on its best${bestValue}${config.minDelta > 0 ? ` by more than ${config.minDelta}` : ''} for ${epochs(config.patience)}.${restored}`;
  }
  if (history.stop.reason === 'stopped') return `${history.stop.message}.${restored}`;
  return `Trained ${epochs(history.epochs.length)}, as many as --epochs allows; early stopping did not end training.${restored}`;
}
