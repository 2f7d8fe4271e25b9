import type { StateDict } from '@nabla/nn';
import { ArgumentError } from '@nabla/tensor';
import { readableNumber } from '../format.js';
import type { EpochLog, History } from '../history.js';
import {
  checkMonitor,
  checkMonitorAvailable,
  improves,
  type MonitorMode,
  monitoredValue,
  resolveMode,
} from '../monitor.js';
import type { Callback, TrainContext } from './callback.js';

export interface EarlyStoppingOptions {
  /** The logged value to watch (default `'valLoss'`); see `logValue` for the names. */
  monitor?: string;
  /** `'min'` for losses, `'max'` for accuracies; `'auto'` (default) guesses from the name. */
  mode?: MonitorMode;
  /** Epochs without improvement tolerated before stopping (default 5). */
  patience?: number;
  /** An improvement must beat the best by more than this (absolute; default 0). */
  minDelta?: number;
  /**
   * α in [0, 1) of the exponential moving average taken of the monitored value before anything
   * is compared (default 0: no smoothing). See the class comment for the formula.
   */
  smoothing?: number;
  /**
   * When training ends, load the weights of the best epoch into the model (default true), also
   * when all epochs ran; not when the run was aborted (it is meant to be resumed).
   */
  restoreBestWeights?: boolean;
  /** The first epoch (counting from 1) that is watched; earlier ones are ignored (default 1). */
  startEpoch?: number;
  /** A value to beat: epochs that do not improve on it count against patience (default none). */
  baseline?: number;
}

/** What happened at one watched epoch. */
export interface EarlyStoppingStep {
  readonly epoch: number;
  /** The monitored value as logged. */
  readonly value: number;
  /** Its exponential moving average: what is compared. */
  readonly smoothed: number;
  readonly improved: boolean;
}

interface State {
  smoothed: number | null;
  best: number | null;
  bestEpoch: number | null;
  wait: number;
  stoppedEpoch: number | null;
  reason: string | null;
  trace: EarlyStoppingStep[];
  bestWeights: StateDict | null;
}

/**
 * Early stopping as the lecture teaches it: watch the validation loss, smoothed by an
 * exponential moving average, and stop once it has not improved for `patience` epochs; then
 * go back to the weights of the best epoch.
 *
 * At each watched epoch t (from `startEpoch` on) with monitored value v_t:
 *
 *   s_t = v_t                          at the first watched epoch,
 *   s_t = α · s_{t−1} + (1 − α) · v_t  after it (α = `smoothing`; α = 0 is no smoothing),
 *
 * computed in exactly that order in float64. The smoothed s_t, never the raw v_t, is then
 * checked: it is an improvement when it beats the best smoothed value so far by more than
 * `minDelta` (s_t < best − minDelta for `'min'`, s_t > best + minDelta for `'max'`; the first
 * watched epoch improves on nothing unless a `baseline` is given, which is the best to beat
 * before any epoch). An improvement records the epoch as the best (and, with
 * `restoreBestWeights`, a copy of the weights) and resets the count of epochs without one; any
 * other epoch adds one to it, and when that count reaches `patience`, training stops after this
 * epoch, `patience` epochs after the best one. The moving average starts at v rather than at
 * 0, so it needs no bias correction.
 *
 * After training, `stoppedEpoch` (null if it did not stop), `bestEpoch`, `best` and `reason`
 * say what happened, and `trace` lists every watched epoch's value and smoothed value.
 */
export class EarlyStopping implements Callback {
  readonly name = 'EarlyStopping';
  readonly monitor: string;
  readonly mode: 'min' | 'max';
  readonly patience: number;
  readonly minDelta: number;
  readonly smoothing: number;
  readonly restoreBestWeights: boolean;
  readonly startEpoch: number;
  readonly baseline: number | undefined;
  /** The epoch whose weights were restored at the end, or null. */
  restoredEpoch: number | null = null;
  #state: State = emptyState();
  /** Set by `setState`, so the next `onTrainBegin` (a resumed run) keeps the restored state. */
  #resumed = false;

  constructor(options: EarlyStoppingOptions = {}) {
    const op = 'EarlyStopping';
    if (options === null || typeof options !== 'object') {
      throw new ArgumentError(op, 'options must be an object');
    }
    this.monitor = checkMonitor(op, options.monitor ?? 'valLoss');
    this.mode = resolveMode(op, this.monitor, options.mode ?? 'auto');
    this.patience = options.patience ?? 5;
    if (!Number.isInteger(this.patience) || this.patience < 0) {
      throw new ArgumentError(
        op,
        `patience must be a non-negative integer, got ${String(options.patience)}`,
      );
    }
    this.minDelta = options.minDelta ?? 0;
    if (typeof this.minDelta !== 'number' || !(this.minDelta >= 0)) {
      throw new ArgumentError(op, `minDelta must be a number ≥ 0, got ${String(options.minDelta)}`);
    }
    this.smoothing = options.smoothing ?? 0;
    if (typeof this.smoothing !== 'number' || !(this.smoothing >= 0 && this.smoothing < 1)) {
      throw new ArgumentError(
        op,
        `smoothing is the moving average's α, in [0, 1); got ${String(options.smoothing)}`,
      );
    }
    this.restoreBestWeights = options.restoreBestWeights ?? true;
    if (typeof this.restoreBestWeights !== 'boolean') {
      throw new ArgumentError(op, 'restoreBestWeights must be true or false');
    }
    this.startEpoch = options.startEpoch ?? 1;
    if (!Number.isInteger(this.startEpoch) || this.startEpoch < 1) {
      throw new ArgumentError(
        op,
        `startEpoch must be an integer ≥ 1 (epochs count from 1), got ${String(options.startEpoch)}`,
      );
    }
    this.baseline = options.baseline;
    if (this.baseline !== undefined && !Number.isFinite(this.baseline)) {
      throw new ArgumentError(op, `baseline must be a finite number, got ${String(this.baseline)}`);
    }
    this.#state = emptyState(this.baseline);
  }

  /** The best smoothed value (or the baseline before anything beat it); null before any. */
  get best(): number | null {
    return this.#state.best;
  }
  /** The epoch of the best smoothed value; null if none improved (e.g. on the baseline). */
  get bestEpoch(): number | null {
    return this.#state.bestEpoch;
  }
  /** The current smoothed value s_t; null before the first watched epoch. */
  get smoothed(): number | null {
    return this.#state.smoothed;
  }
  /** Watched epochs since the last improvement. */
  get wait(): number {
    return this.#state.wait;
  }
  /** The epoch after which it stopped training, or null. */
  get stoppedEpoch(): number | null {
    return this.#state.stoppedEpoch;
  }
  /** Why it stopped, in a sentence; null if it did not. */
  get reason(): string | null {
    return this.#state.reason;
  }
  /** Every watched epoch: the value, its moving average and whether it improved. */
  get trace(): readonly EarlyStoppingStep[] {
    return this.#state.trace;
  }

  /**
   * Takes one watched epoch's value (the arithmetic of the class comment) and returns whether
   * to stop now. `onEpochEnd` calls it; tests and custom loops may call it directly.
   */
  observe(epoch: number, value: number): boolean {
    const s = this.#state;
    if (epoch < this.startEpoch || s.stoppedEpoch !== null) return false;
    const a = this.smoothing;
    const smoothed = s.smoothed === null ? value : a * s.smoothed + (1 - a) * value;
    s.smoothed = smoothed;
    const improved = improves(smoothed, s.best, this.mode, this.minDelta);
    s.trace.push({ epoch, value, smoothed, improved });
    if (improved) {
      s.best = smoothed;
      s.bestEpoch = epoch;
      s.wait = 0;
      return false;
    }
    s.wait += 1;
    if (s.wait < this.patience) return false;
    s.stoppedEpoch = epoch;
    s.reason = this.#stopMessage(epoch);
    return true;
  }

  onTrainBegin(ctx: TrainContext): void {
    checkMonitorAvailable(this.name, this.monitor, ctx.hasValidation);
    if (!this.#resumed) {
      this.#state = emptyState(this.baseline);
      this.restoredEpoch = null;
    }
    this.#resumed = false;
  }

  onEpochEnd(ctx: TrainContext, log: EpochLog): void {
    const value = monitoredValue(this.name, log, this.monitor);
    const stop = this.observe(log.epoch, value);
    if (this.restoreBestWeights && this.#state.bestEpoch === log.epoch) {
      this.#state.bestWeights = ctx.model.stateDict();
    }
    if (stop) ctx.stop(this.name, this.#state.reason!);
  }

  onTrainEnd(ctx: TrainContext, history: History): void {
    const { bestWeights, bestEpoch } = this.#state;
    if (!this.restoreBestWeights || history.stop.reason === 'aborted') return;
    if (bestWeights === null || bestEpoch === null) return;
    // The model already holds the last epoch's weights: loading them again would change nothing.
    const last = history.epochs[history.epochs.length - 1]?.epoch;
    if (bestEpoch !== last) ctx.model.loadStateDict(bestWeights);
    this.restoredEpoch = bestEpoch;
  }

  getState(): unknown {
    const s = this.#state;
    return { ...s, trace: s.trace.map((t) => ({ ...t })) };
  }

  setState(state: unknown): void {
    const s = state as Partial<State> | null;
    if (
      s === null ||
      typeof s !== 'object' ||
      typeof s.wait !== 'number' ||
      !Array.isArray(s.trace) ||
      !('best' in s) ||
      !('bestEpoch' in s)
    ) {
      throw new ArgumentError('EarlyStopping.setState', 'expects what getState() returned');
    }
    this.#state = {
      smoothed: s.smoothed ?? null,
      best: s.best ?? null,
      bestEpoch: s.bestEpoch ?? null,
      wait: s.wait,
      stoppedEpoch: s.stoppedEpoch ?? null,
      reason: s.reason ?? null,
      trace: s.trace.map((t) => ({ ...t })),
      bestWeights: s.bestWeights ?? null,
    };
    this.#resumed = true;
  }

  /** For people: numbers to 4 significant digits (`best`, `trace` keep full precision). */
  #stopMessage(epoch: number): string {
    const s = this.#state;
    const n = readableNumber;
    const what =
      this.smoothing > 0 ? `${this.monitor} (EMA, α = ${n(this.smoothing)})` : this.monitor;
    const best =
      s.bestEpoch === null
        ? this.baseline === undefined
          ? 'no best value'
          : `nothing beat the baseline ${n(this.baseline)}`
        : `best ${n(s.best!)} at epoch ${s.bestEpoch}`;
    return `${what} did not improve by more than ${n(this.minDelta)} for ${this.patience} epoch${this.patience === 1 ? '' : 's'}: stopped after epoch ${epoch} (${best})`;
  }
}

function emptyState(baseline?: number): State {
  return {
    smoothed: null,
    best: baseline ?? null,
    bestEpoch: null,
    wait: 0,
    stoppedEpoch: null,
    reason: null,
    trace: [],
    bestWeights: null,
  };
}
