// Taking a running `fit` apart into a checkpoint, and putting one back together: the only
// place that knows which objects a run's future depends on.
import type { Module } from '@nabla/nn';
import { ArgumentError, type Generator } from '@nabla/tensor';
import type { Callback } from '../callbacks/callback.js';
import type { OptimizerLike, SchedulerLike, TrainBatches } from '../fit-options.js';
import type { EpochLog } from '../history.js';
import type { Metric } from '../metrics/metric.js';
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type EpochProgress,
  type StopRequest,
  type TrainingCheckpoint,
} from './checkpoint.js';
import { checkFormat } from './encode.js';

/** The running totals of the epoch in progress: `EpochProgress` without the metrics, mutable. */
export type EpochTotals = { -readonly [K in Exclude<keyof EpochProgress, 'metrics'>]: number };

/** The objects of a run, as `fit` was given them. */
export interface RunParts {
  readonly model: Module;
  readonly optimizer: OptimizerLike;
  readonly scheduler: SchedulerLike | undefined;
  readonly train: TrainBatches;
  readonly metrics: readonly Metric[];
  /** The user's callbacks (not the built-in ones `fit` adds). */
  readonly callbacks: readonly Callback[];
  readonly generators: readonly Generator[];
}

/** Where a run stands, beyond what its objects hold. */
export interface RunPosition {
  readonly epoch: number;
  readonly step: number;
  readonly logs: readonly EpochLog[];
  /** The interrupted epoch's totals, or null at an epoch boundary. */
  readonly totals: EpochTotals | null;
  /** A stop a callback asked for that the run has not honoured yet. */
  readonly stopRequest: StopRequest | null;
}

export function captureCheckpoint(parts: RunParts, at: RunPosition): TrainingCheckpoint {
  const t = at.totals;
  let progress: EpochProgress | null = null;
  if (t !== null && t.batches > 0) {
    progress = {
      ...t,
      metrics: parts.metrics.map((m) => {
        if (typeof m.getState !== 'function') {
          throw new ArgumentError(
            'checkpoint',
            `metric '${m.name}' has no getState(), so an epoch cannot be checkpointed midway; add getState/setState or checkpoint at epoch ends`,
          );
        }
        return m.getState();
      }),
    };
  }
  const callbacks: Record<string, unknown> = {};
  for (const [key, callback] of stateKeys(parts.callbacks)) callbacks[key] = callback.getState!();
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    epoch: at.epoch,
    step: at.step,
    model: parts.model.stateDict(),
    optimizer: parts.optimizer.stateDict(),
    scheduler: parts.scheduler === undefined ? null : parts.scheduler.stateDict(),
    train: parts.train.getState(),
    progress,
    history: at.logs.map((log) => ({ ...log })),
    stopRequest: at.stopRequest === null ? null : { ...at.stopRequest },
    callbacks,
    generators: parts.generators.map((g) => g.getState()),
  };
}

/**
 * Puts model, optimizer, scheduler, data order, generators, callbacks and metric sums back as
 * checkpointed, and returns where the run stands. The checkpoint is checked against the run
 * before anything is changed, so a checkpoint that does not fit leaves everything as it was
 * (as far as the objects' own `loadStateDict`s are atomic; `Module`'s and the optimizers' are).
 */
export function restoreCheckpoint(
  parts: RunParts,
  c: TrainingCheckpoint,
  batchesPerEpoch: number,
): RunPosition {
  const op = 'fit (resume)';
  checkFormat(op, c);
  const mismatch = (what: string) =>
    new ArgumentError(op, `${what}; resume with the options of the checkpointed run`);
  if ((c.scheduler === null) !== (parts.scheduler === undefined)) {
    throw mismatch(
      c.scheduler === null
        ? 'the checkpoint has no scheduler state but a scheduler was given'
        : 'the checkpoint has scheduler state but no scheduler was given',
    );
  }
  if (c.generators.length !== parts.generators.length) {
    throw mismatch(
      `the checkpoint has ${c.generators.length} generator states, this run has ${parts.generators.length} generators (the model's and those passed as generators)`,
    );
  }
  const s = c.stopRequest;
  if (
    s !== undefined &&
    s !== null &&
    (typeof s !== 'object' || typeof s.by !== 'string' || typeof s.message !== 'string')
  ) {
    throw new ArgumentError(op, "the checkpoint's stopRequest must be null or { by, message }");
  }
  const p = c.progress;
  if (p !== null) {
    if (p.metrics.length !== parts.metrics.length) {
      throw mismatch(
        `the checkpoint has ${p.metrics.length} metrics, ${parts.metrics.length} were given`,
      );
    }
    const stateless = parts.metrics.find((m) => typeof m.setState !== 'function');
    if (stateless !== undefined) throw mismatch(`metric '${stateless.name}' has no setState`);
    if (c.train.batch !== p.batches % batchesPerEpoch) {
      throw mismatch(
        `the loader is at batch ${c.train.batch} but ${p.batches} batches of the epoch were done (another batch size?)`,
      );
    }
  }
  const keyed = stateKeys(parts.callbacks).filter(([key]) => Object.hasOwn(c.callbacks, key));
  const orphans = Object.keys(c.callbacks).filter((key) => !keyed.some(([k]) => k === key));
  if (orphans.length > 0) {
    throw mismatch(
      `the checkpoint has the state of ${orphans.join(', ')}, but no such callback with setState was given`,
    );
  }

  parts.model.loadStateDict(c.model);
  parts.optimizer.loadStateDict(c.optimizer);
  parts.scheduler?.loadStateDict(c.scheduler);
  parts.train.setState(c.train);
  c.generators.forEach((state, i) => {
    parts.generators[i]!.setState(state);
  });
  for (const [key, callback] of keyed) callback.setState!(c.callbacks[key]);
  let totals: EpochTotals | null = null;
  if (p !== null) {
    parts.metrics.forEach((m, i) => {
      m.setState!(p.metrics[i]!);
    });
    const { metrics: _, ...rest } = p;
    totals = { ...rest };
  }
  return {
    epoch: c.epoch,
    step: c.step,
    logs: c.history.map((log) => ({ ...log })),
    totals,
    stopRequest: s === undefined || s === null ? null : { by: s.by, message: s.message },
  };
}

/**
 * The callbacks that keep state (`getState` and `setState`), keyed by name and occurrence:
 * `EarlyStopping#0`, `EarlyStopping#1`, `Object#0` for a plain object. Stateless callbacks get
 * no key, so they may differ between a run and its resumption.
 */
function stateKeys(callbacks: readonly Callback[]): [string, Callback][] {
  const seen = new Map<string, number>();
  const out: [string, Callback][] = [];
  for (const c of callbacks) {
    if (typeof c.getState !== 'function' || typeof c.setState !== 'function') continue;
    const name = c.name ?? c.constructor?.name ?? 'Object';
    const k = seen.get(name) ?? 0;
    seen.set(name, k + 1);
    out.push([`${name}#${k}`, c]);
  }
  return out;
}
