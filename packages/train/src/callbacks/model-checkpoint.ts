// Saving to disk after epochs. Node only (it writes files): exported from @nabla/train/node.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { saveModel } from '@nabla/nn/node';
import { ArgumentError } from '@nabla/tensor';
import { saveCheckpoint } from '../checkpoint/file.js';
import type { EpochLog } from '../history.js';
import {
  checkMonitor,
  checkMonitorAvailable,
  improves,
  type MonitorMode,
  monitoredValue,
  resolveMode,
} from '../monitor.js';
import type { Callback, TrainContext } from './callback.js';

export interface ModelCheckpointOptions {
  /**
   * Where to write: a path, in which `{epoch}` is replaced by the epoch number (one file per
   * epoch), or a function of the epoch's log.
   */
  path: string | ((log: EpochLog) => string);
  /**
   * `'last'` (default): write after every epoch. `'best'`: only after an epoch whose `monitor`
   * value beats every earlier one.
   */
  save?: 'best' | 'last';
  /** What `'best'` compares (default `'valLoss'`). */
  monitor?: string;
  /** `'min'`, `'max'`, or `'auto'` (default: `'max'` for accuracies). */
  mode?: MonitorMode;
  /**
   * `'model'` (default): the weights as safetensors, through `saveModel` (PyTorch loads them).
   * `'training'`: a full `TrainingCheckpoint` (`saveCheckpoint`), from which `fit` resumes.
   */
  contents?: 'model' | 'training';
}

/**
 * Writes the model (or the whole training state) after epochs, atomically: the file is written
 * under a temporary name, flushed and renamed, so a crash never leaves half a checkpoint.
 * Missing directories are created. For
 * `contents: 'training'`, put it after the other callbacks (EarlyStopping…) in the list, so
 * the state it saves includes what they did at this epoch.
 */
export class ModelCheckpoint implements Callback {
  readonly name = 'ModelCheckpoint';
  readonly save: 'best' | 'last';
  readonly monitor: string;
  readonly mode: 'min' | 'max';
  readonly contents: 'model' | 'training';
  readonly #path: string | ((log: EpochLog) => string);
  /** The best monitored value so far (with `save: 'best'`), and its epoch. */
  best: number | null = null;
  bestEpoch: number | null = null;
  /** The last file written, and the epoch it holds. */
  lastPath: string | null = null;
  lastEpoch: number | null = null;
  #resumed = false;

  constructor(options: ModelCheckpointOptions) {
    const op = 'ModelCheckpoint';
    const path = options?.path;
    if (!(typeof path === 'string' && path !== '') && typeof path !== 'function') {
      throw new ArgumentError(
        op,
        'needs { path }: a file path (may contain {epoch}) or a function',
      );
    }
    this.#path = path;
    this.save = options.save ?? 'last';
    if (this.save !== 'best' && this.save !== 'last') {
      throw new ArgumentError(op, `save must be 'best' or 'last', got ${String(options.save)}`);
    }
    this.contents = options.contents ?? 'model';
    if (this.contents !== 'model' && this.contents !== 'training') {
      throw new ArgumentError(
        op,
        `contents must be 'model' or 'training', got ${String(options.contents)}`,
      );
    }
    this.monitor = checkMonitor(op, options.monitor ?? 'valLoss');
    this.mode = resolveMode(op, this.monitor, options.mode ?? 'auto');
  }

  onTrainBegin(ctx: TrainContext): void {
    if (this.save === 'best') checkMonitorAvailable(this.name, this.monitor, ctx.hasValidation);
    if (!this.#resumed) {
      this.best = null;
      this.bestEpoch = null;
    }
    this.#resumed = false;
  }

  async onEpochEnd(ctx: TrainContext, log: EpochLog): Promise<void> {
    if (this.save === 'best') {
      const value = monitoredValue(this.name, log, this.monitor);
      if (!improves(value, this.best, this.mode, 0)) return;
      this.best = value;
      this.bestEpoch = log.epoch;
    }
    const path =
      typeof this.#path === 'function'
        ? this.#path(log)
        : this.#path.replaceAll('{epoch}', String(log.epoch));
    if (this.contents === 'training') await saveCheckpoint(path, ctx.checkpoint());
    else {
      const metadata: Record<string, string> = { epoch: String(log.epoch) };
      const value = this.save === 'best' ? this.best : undefined;
      if (value !== undefined && value !== null) metadata[this.monitor] = String(value);
      // saveModel writes into an existing directory; a run's first checkpoint may need one.
      await mkdir(dirname(path), { recursive: true });
      await saveModel(path, ctx.model, metadata);
    }
    this.lastPath = path;
    this.lastEpoch = log.epoch;
  }

  getState(): unknown {
    return { best: this.best, bestEpoch: this.bestEpoch };
  }

  setState(state: unknown): void {
    const s = state as { best?: number | null; bestEpoch?: number | null } | null;
    if (s === null || typeof s !== 'object') {
      throw new ArgumentError('ModelCheckpoint.setState', 'expects what getState() returned');
    }
    this.best = s.best ?? null;
    this.bestEpoch = s.bestEpoch ?? null;
    this.#resumed = true;
  }
}
