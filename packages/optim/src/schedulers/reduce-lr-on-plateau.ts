import { ArgumentError } from '@nabla/tensor';
import {
  checkChoice,
  checkInRange,
  checkInteger,
  checkNonNegative,
  showValue,
} from '../validate.js';
import type { LrGroups, Scheduler } from './lr-scheduler.js';

export interface ReduceLROnPlateauOptions {
  /** 'min' when the metric should fall (a loss), 'max' when it should rise; default 'min'. */
  mode?: 'min' | 'max';
  /** Factor applied to the rates on a plateau, in [0, 1); default 0.1. */
  factor?: number;
  /** Epochs without improvement tolerated before reducing; default 10. */
  patience?: number;
  /** How much better counts as better; default 1e-4. */
  threshold?: number;
  /** 'rel': better than best·(1 ∓ threshold); 'abs': better than best ∓ threshold; default 'rel'. */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a reduction before counting again; default 0. */
  cooldown?: number;
  /** Lower bound on the rate: one for all groups or one per group; default 0. */
  minLr?: number | number[];
  /** Reductions smaller than this are skipped; default 1e-8. */
  eps?: number;
}

type Resolved = Required<Omit<ReduceLROnPlateauOptions, 'minLr'>> & { minLr: number[] };

/** ReduceLROnPlateau's snapshot: JSON-safe (`best` is null before the first metric). */
export interface ReduceLROnPlateauStateDict {
  options: Resolved;
  best: number | null;
  numBadEpochs: number;
  cooldownCounter: number;
  lastEpoch: number;
  lastLr: number[];
}

/**
 * Reduces every group's rate by `factor` once a metric has not improved for more than
 * `patience` epochs (torch's ReduceLROnPlateau). Pass the metric to `step`:
 *
 * ```ts
 * const sched = new ReduceLROnPlateau(opt, { patience: 5, factor: 0.5 });
 * for (const epoch of epochs) { train(); sched.step(validationLoss()); }
 * ```
 */
export class ReduceLROnPlateau implements Scheduler<ReduceLROnPlateauStateDict> {
  readonly optimizer: LrGroups;
  options: Readonly<Resolved>;
  /** The best metric so far (±Infinity before the first). */
  best: number;
  numBadEpochs = 0;
  cooldownCounter = 0;
  lastEpoch = 0;
  private lastLr: number[];

  constructor(optimizer: LrGroups, options: ReduceLROnPlateauOptions = {}) {
    if (
      optimizer === null ||
      typeof optimizer !== 'object' ||
      !Array.isArray(optimizer.paramGroups)
    ) {
      throw new ArgumentError(
        'ReduceLROnPlateau',
        `needs an optimizer, got ${showValue(optimizer)}`,
      );
    }
    this.optimizer = optimizer;
    const n = optimizer.paramGroups.length;
    const minLr = options.minLr ?? 0;
    const resolved: Resolved = {
      mode: options.mode ?? 'min',
      factor: options.factor ?? 0.1,
      patience: options.patience ?? 10,
      threshold: options.threshold ?? 1e-4,
      thresholdMode: options.thresholdMode ?? 'rel',
      cooldown: options.cooldown ?? 0,
      minLr: Array.isArray(minLr) ? [...minLr] : new Array<number>(n).fill(minLr),
      eps: options.eps ?? 1e-8,
    };
    checkResolved('ReduceLROnPlateau', resolved, n);
    this.options = resolved;
    this.best = this.worst();
    this.lastLr = optimizer.paramGroups.map((g) => g.lr);
  }

  /**
   * Records one epoch's metric (a number, or a one-element Variable or Tensor such as a
   * validation loss), reducing the rates if it has plateaued.
   */
  step(value: number | { item(): number }): void {
    const metric = typeof value === 'object' && value !== null ? value.item() : value;
    if (typeof metric !== 'number' || Number.isNaN(metric)) {
      throw new ArgumentError(
        'ReduceLROnPlateau.step',
        `metric must be a number, got ${showValue(metric)}`,
      );
    }
    this.lastEpoch += 1;
    if (this.isBetter(metric)) {
      this.best = metric;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // bad epochs in cooldown do not count
    }
    if (this.numBadEpochs > this.options.patience) {
      this.reduce();
      this.cooldownCounter = this.options.cooldown;
      this.numBadEpochs = 0;
    }
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  getLastLr(): number[] {
    return [...this.lastLr];
  }

  stateDict(): ReduceLROnPlateauStateDict {
    return {
      options: { ...this.options, minLr: [...this.options.minLr] },
      best: Number.isFinite(this.best) ? this.best : null,
      numBadEpochs: this.numBadEpochs,
      cooldownCounter: this.cooldownCounter,
      lastEpoch: this.lastEpoch,
      lastLr: [...this.lastLr],
    };
  }

  loadStateDict(stateDict: ReduceLROnPlateauStateDict): void {
    const op = 'ReduceLROnPlateau.loadStateDict';
    const { options, best, numBadEpochs, cooldownCounter, lastEpoch, lastLr } = stateDict ?? {};
    checkResolved(op, options, this.optimizer.paramGroups.length);
    checkInteger(op, 'numBadEpochs', numBadEpochs, 0);
    checkInteger(op, 'cooldownCounter', cooldownCounter, 0);
    checkInteger(op, 'lastEpoch', lastEpoch, 0);
    if (best !== null && typeof best !== 'number') {
      throw new ArgumentError(op, `best must be a number or null, got ${showValue(best)}`);
    }
    if (!Array.isArray(lastLr))
      throw new ArgumentError(op, `lastLr must be an array, got ${showValue(lastLr)}`);
    this.options = { ...options, minLr: [...options.minLr] };
    this.best = best ?? this.worst();
    this.numBadEpochs = numBadEpochs;
    this.cooldownCounter = cooldownCounter;
    this.lastEpoch = lastEpoch;
    this.lastLr = [...lastLr];
  }

  private worst(): number {
    return this.options.mode === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }

  private isBetter(metric: number): boolean {
    const { mode, threshold, thresholdMode } = this.options;
    const best = this.best;
    if (mode === 'min') {
      return thresholdMode === 'rel' ? metric < best * (1 - threshold) : metric < best - threshold;
    }
    return thresholdMode === 'rel' ? metric > best * (threshold + 1) : metric > best + threshold;
  }

  private reduce(): void {
    const { factor, minLr, eps } = this.options;
    this.optimizer.paramGroups.forEach((group, i) => {
      const oldLr = group.lr;
      const newLr = Math.max(oldLr * factor, minLr[i]!);
      if (oldLr - newLr > eps) group.lr = newLr;
    });
  }
}

function checkResolved(op: string, o: Resolved, groups: number): void {
  if (o === null || typeof o !== 'object') {
    throw new ArgumentError(op, `options must be an object, got ${showValue(o)}`);
  }
  checkChoice(op, 'mode', o.mode, ['min', 'max'] as const);
  checkInRange(op, 'factor', o.factor, 0, 1);
  checkInteger(op, 'patience', o.patience, 0);
  checkNonNegative(op, 'threshold', o.threshold);
  checkChoice(op, 'thresholdMode', o.thresholdMode, ['rel', 'abs'] as const);
  checkInteger(op, 'cooldown', o.cooldown, 0);
  if (!Array.isArray(o.minLr) || o.minLr.length !== groups) {
    throw new ArgumentError(
      op,
      `minLr must be a number or one number per parameter group (${groups}), got ${showValue(o.minLr)}`,
    );
  }
  o.minLr.forEach((m, i) => {
    checkNonNegative(op, `minLr[${i}]`, m);
  });
  checkNonNegative(op, 'eps', o.eps);
}
