// The terminal view of a run: a header, a progress bar per epoch on stderr (only when stderr
// is a terminal: batches, loss, accuracy, samples/s, time left), one table row per epoch on
// stdout, and the outcome.
import type { DownloadProgress } from '@nabla/datasets/node';
import type {
  BatchInfo,
  Callback,
  EarlyStopping,
  EpochLog,
  Metric,
  TrainContext,
} from '@nabla/train';
import { Presets, SingleBar } from 'cli-progress';
import { DownloadBar } from '../output/download-bar.js';
import { formatCount, formatDuration, formatNumber, formatPercent } from '../output/format.js';
import { StreamTable } from '../output/table.js';
import {
  type EpochRow,
  epochRow,
  type InterruptInfo,
  type StartInfo,
  type TrainReporter,
  type TrainSummary,
} from './events.js';

const TABLE = new StreamTable([
  { header: 'epoch', width: 5 },
  { header: 'train loss', width: 10 },
  { header: 'train acc', width: 9 },
  { header: 'val loss', width: 8 },
  { header: 'val acc', width: 7 },
  { header: 'val EMA', width: 8 },
  { header: 'lr', width: 7 },
  { header: 'time', width: 6 },
  { header: '', width: 1, align: 'left' },
]);

export interface Streams {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WriteStream;
}

export class TerminalReporter implements TrainReporter {
  readonly callback: Callback;
  readonly #streams: Streams;
  readonly #live: boolean;
  #bar: SingleBar | null = null;
  readonly #downloads: DownloadBar;
  #stopping = false;

  /** `accuracy` is the training metric fit updates, read for the bar's running accuracy. */
  constructor(streams: Streams, early: EarlyStopping, accuracy: Metric) {
    this.#streams = streams;
    this.#live = streams.err.isTTY === true;
    this.#downloads = new DownloadBar(streams.err);
    let epochStart = 0;
    let samples = 0;
    let lossSum = 0;
    const print = (line: string) => this.#print(line);
    const self = this;
    this.callback = {
      name: 'TerminalReporter',
      onTrainBegin(ctx: TrainContext) {
        print(TABLE.header());
        for (const log of ctx.logs) print(formatRow(epochRow(log, early)));
      },
      onEpochBegin(ctx: TrainContext, epoch: number) {
        epochStart = performance.now();
        samples = 0;
        lossSum = 0;
        self.#startBar(epoch, ctx.epochs, ctx.batchesPerEpoch);
      },
      onBatchEnd(_ctx: TrainContext, b: Readonly<BatchInfo>) {
        samples += b.size;
        lossSum += b.loss * b.size;
        if (self.#bar === null || self.#stopping) return;
        const seconds = (performance.now() - epochStart) / 1000;
        self.#bar.update(b.batch, {
          loss: formatNumber(lossSum / samples),
          acc: formatPercent(accuracy.result() as number, 1),
          speed: seconds > 0 ? formatCount(samples / seconds) : '–',
        });
      },
      onEpochEnd(_ctx: TrainContext, log: EpochLog) {
        self.#stopBar();
        print(formatRow(epochRow(log, early)));
      },
      onTrainEnd() {
        self.#stopBar();
      },
    };
  }

  download(p: DownloadProgress): void {
    this.#downloads.update(p);
  }

  start(info: StartInfo): void {
    const lines = [
      `Data       ${info.data}: ${formatCount(info.trainSize)} train, ${formatCount(info.valSize)} validation, ${formatCount(info.testSize)} test; ${info.classes.length} classes; ${info.inputs}`,
      `Model      ${info.model} (${formatCount(info.parameters)} parameters)`,
      `Optimizer  ${info.optimizer}, batch size ${info.batchSize}, up to ${info.epochs} epochs`,
      `Stopping   ${info.earlyStopping}`,
    ];
    if (info.resumed !== null) {
      const { checkpoint, epoch, batch } = info.resumed;
      lines.push(
        `Resuming   ${checkpoint}: after ${batch === 0 ? `epoch ${epoch}` : `batch ${batch} of epoch ${epoch + 1}`}`,
      );
    }
    this.#print(`${lines.join('\n')}\n`);
  }

  interrupting(): void {
    this.#stopping = true;
    this.#stopBar();
    this.#streams.err.write(
      'Interrupted: stopping after this batch to write a checkpoint (Ctrl-C again to quit without one).\n',
    );
  }

  interrupted(info: InterruptInfo): void {
    const where =
      info.batch === 0
        ? `after epoch ${info.epoch}`
        : `after batch ${info.batch} of ${info.batches} in epoch ${info.epoch + 1}`;
    this.#print(
      `\nStopped ${where}. Checkpoint written to ${info.checkpoint}.\nResume with: ${info.resume}`,
    );
  }

  finished(s: TrainSummary): void {
    const lines = [
      '',
      `Test accuracy ${formatPercent(s.testAccuracy)} (loss ${formatNumber(s.testLoss)}) on ${formatCount(s.testSamples)} test samples.`,
    ];
    lines.push(s.stopMessage);
    lines.push(`Model written to ${s.model}.`);
    if (s.report !== null) lines.push(`Report written to ${s.report}.`);
    lines.push(
      `Took ${formatDuration(s.seconds)} (training ${formatDuration(s.trainSeconds)}, ${formatCount(s.samplesPerSecond)} samples/s).`,
    );
    this.#print(lines.join('\n'));
  }

  dispose(): void {
    this.#stopBar();
    this.#downloads.stop();
  }

  #startBar(epoch: number, epochs: number, batches: number): void {
    if (!this.#live || this.#stopping) return;
    this.#stopBar();
    const width = String(epochs).length;
    this.#bar = new SingleBar(
      {
        stream: this.#streams.err,
        format: `epoch ${String(epoch).padStart(width)}/${epochs} {bar} {value}/{total} | loss {loss} | acc {acc} | {speed} samples/s | {eta_formatted} left`,
        hideCursor: true,
        clearOnComplete: true,
        barsize: 24,
        etaBuffer: 50,
        fps: 8,
      },
      Presets.shades_classic,
    );
    this.#bar.start(batches, 0, { loss: '–', acc: '–', speed: '–' });
  }

  #stopBar(): void {
    this.#bar?.stop();
    this.#bar = null;
  }

  #print(line: string): void {
    this.#streams.out.write(`${line}\n`);
  }
}

function formatRow(r: EpochRow): string {
  return TABLE.row([
    String(r.epoch),
    formatNumber(r.loss),
    formatPercent(r.accuracy),
    formatNumber(r.valLoss),
    formatPercent(r.valAccuracy),
    formatNumber(r.valLossSmoothed),
    formatNumber(r.lr, 3),
    formatDuration(r.seconds),
    r.improved ? '*' : '',
  ]);
}
