import type { MetricValue } from './metrics/metric.js';

/** One epoch of training, as `fit` records it. */
export interface EpochLog {
  /** The epoch, counting from 1. */
  readonly epoch: number;
  /** The mean training loss over the epoch's samples (each batch weighed by its size). */
  readonly loss: number;
  /** The training metrics, accumulated over the epoch's batches (in training mode). */
  readonly metrics: Readonly<Record<string, MetricValue>>;
  /** The validation loss after the epoch (eval mode, no gradients); absent without `val`. */
  readonly valLoss?: number;
  /** The validation metrics after the epoch; absent without `val`. */
  readonly valMetrics?: Readonly<Record<string, MetricValue>>;
  /** The learning rate of the first parameter group at the epoch's first step. */
  readonly lr: number;
  /**
   * The mean over the epoch's steps of the global gradient norm: the L2 norm of all parameter
   * gradients of a batch taken as one vector, before any clipping. It stays far from zero at the
   * end of training: minibatch gradients are noisy even at a minimum of the full loss.
   */
  readonly gradNorm: number;
  /** Optimizer steps in the epoch. */
  readonly steps: number;
  /** Training samples seen in the epoch. */
  readonly samples: number;
  /** Wall-clock seconds for the epoch, validation included. Not reproducible. */
  readonly time: number;
  /** Training samples per second of training time (validation excluded). Not reproducible. */
  readonly samplesPerSecond: number;
}

/** Why `fit` returned. */
export type StopReason =
  /** All `epochs` ran. */
  | 'completed'
  /** A callback asked to stop (EarlyStopping does), after a whole epoch. */
  | 'stopped'
  /** The `signal` was aborted: training stopped between two batches. */
  | 'aborted';

export interface StopInfo {
  readonly reason: StopReason;
  /** Who stopped it: the callback's name for `'stopped'`. */
  readonly by?: string;
  /** A sentence for people: what stopped training, when and why. */
  readonly message: string;
  /** Epochs completed. */
  readonly epoch: number;
  /** Batches done in the epoch that was interrupted (0 unless aborted mid-epoch). */
  readonly batch: number;
}

/** What `fit` returns: one log per completed epoch, and why it stopped. Plain JSON. */
export interface History {
  readonly epochs: EpochLog[];
  readonly stop: StopInfo;
}

/**
 * A logged value by name, for monitors: `'loss'`, `'valLoss'`, a training metric by its name
 * (`'accuracy'`), or a validation metric as `'val'` + its capitalised name (`'valAccuracy'`).
 * Undefined when the log has no such value.
 */
export function logValue(log: EpochLog, key: string): MetricValue | undefined {
  if (key === 'loss') return log.loss;
  if (key === 'valLoss') return log.valLoss;
  if (key === 'lr') return log.lr;
  if (key === 'gradNorm') return log.gradNorm;
  if (Object.hasOwn(log.metrics, key)) return log.metrics[key];
  if (log.valMetrics !== undefined && key.length > 3 && key.startsWith('val')) {
    const name = key[3]!.toLowerCase() + key.slice(4);
    if (Object.hasOwn(log.valMetrics, name)) return log.valMetrics[name];
    if (Object.hasOwn(log.valMetrics, key.slice(3))) return log.valMetrics[key.slice(3)];
  }
  return undefined;
}

/** The keys a monitor can name in this log, for error messages. */
export function logKeys(log: EpochLog): string[] {
  const keys = ['loss', ...Object.keys(log.metrics)];
  if (log.valLoss !== undefined) keys.push('valLoss');
  for (const name of Object.keys(log.valMetrics ?? {})) {
    keys.push(`val${name[0]!.toUpperCase()}${name.slice(1)}`);
  }
  return keys;
}
