// `nabla train --json`: machine-readable lines instead of bars and tables. Every line is one
// object with a "type": start, download, progress (at most one a second), epoch, interrupted,
// and the summary last.
import type { DownloadProgress } from '@nabla/datasets/node';
import type { BatchInfo, Callback, EarlyStopping, EpochLog, TrainContext } from '@nabla/train';
import { writeJson } from '../output/json.js';
import {
  epochRow,
  type InterruptInfo,
  type StartInfo,
  type TrainReporter,
  type TrainSummary,
} from './events.js';

const PROGRESS_INTERVAL_MS = 1000;

export class JsonReporter implements TrainReporter {
  readonly callback: Callback;
  readonly #out: NodeJS.WritableStream;
  #lastDownload = 0;

  constructor(out: NodeJS.WritableStream, early: EarlyStopping) {
    this.#out = out;
    let last = performance.now();
    const emit = (value: unknown) => writeJson(out, value);
    this.callback = {
      name: 'JsonReporter',
      onBatchEnd(_ctx: TrainContext, b: Readonly<BatchInfo>) {
        const now = performance.now();
        if (now - last < PROGRESS_INTERVAL_MS) return;
        last = now;
        emit({
          type: 'progress',
          epoch: b.epoch,
          batch: b.batch,
          batches: b.batches,
          loss: b.loss,
        });
      },
      onEpochEnd(_ctx: TrainContext, log: EpochLog) {
        emit({ type: 'epoch', ...epochRow(log, early) });
      },
    };
  }

  download(p: DownloadProgress): void {
    const now = performance.now();
    const done = p.total !== undefined && p.received >= p.total;
    if (!done && now - this.#lastDownload < PROGRESS_INTERVAL_MS) return;
    this.#lastDownload = now;
    writeJson(this.#out, {
      type: 'download',
      file: p.file,
      received: p.received,
      total: p.total ?? null,
    });
  }

  start(info: StartInfo): void {
    writeJson(this.#out, { type: 'start', ...info });
  }

  interrupting(): void {}

  interrupted(info: InterruptInfo): void {
    writeJson(this.#out, { type: 'interrupted', ...info });
  }

  finished(summary: TrainSummary): void {
    writeJson(this.#out, { type: 'summary', ...summary });
  }

  dispose(): void {}
}
