import { ArgumentError } from '@nabla/tensor';
import { checkInRange, checkInteger } from '../validate.js';
import { LRScheduler, type LrGroups } from './lr-scheduler.js';

export interface LinearLROptions {
  /** Factor of the initial rate at epoch 0, in (0, 1]; default 1/3. */
  startFactor?: number;
  /** Factor reached at `totalIters`, in [0, 1]; default 1. */
  endFactor?: number;
  /** Epochs (or iterations) to go from `startFactor` to `endFactor`; default 5. */
  totalIters?: number;
}

/**
 * Changes each group's rate linearly from `startFactor`·η₀ to `endFactor`·η₀ over `totalIters`
 * steps, then holds it (torch's LinearLR). With the defaults this is a linear warm-up:
 *
 * ```text
 * η_t = η₀ · (s + (e − s) · min(t, T) / T)
 * ```
 *
 * ```ts
 * // Warm up over 100 iterations, then cosine-anneal over the remaining 900:
 * const warmup = new LinearLR(opt, { startFactor: 0.01, totalIters: 100 });
 * const cosine = new CosineAnnealingLR(opt, { tMax: 900 });
 * const sched = new SequentialLR(opt, { schedulers: [warmup, cosine], milestones: [100] });
 * ```
 */
export class LinearLR extends LRScheduler<Required<LinearLROptions>> {
  constructor(optimizer: LrGroups, options: LinearLROptions = {}) {
    super('LinearLR', optimizer, {
      startFactor: options.startFactor ?? 1 / 3,
      endFactor: options.endFactor ?? 1,
      totalIters: options.totalIters ?? 5,
    });
  }

  protected checkOptions(o: Required<LinearLROptions>): void {
    checkInRange(this.name, 'startFactor', o?.startFactor, 0, 1, true);
    // A start factor of 0 would make the chainable form divide by zero (torch rejects it too).
    if (o.startFactor === 0) {
      throw new ArgumentError(this.name, 'startFactor must be in (0, 1], got 0');
    }
    checkInRange(this.name, 'endFactor', o.endFactor, 0, 1, true);
    checkInteger(this.name, 'totalIters', o.totalIters, 1);
  }

  protected getLr(): number[] {
    const { startFactor: s, endFactor: e, totalIters: total } = this.options;
    const t = this.lastEpoch;
    if (t === 0) return this.currentLrs().map((lr) => lr * s);
    if (t > total) return this.currentLrs();
    return this.currentLrs().map((lr) => lr * (1 + (e - s) / (total * s + (t - 1) * (e - s))));
  }

  protected closedFormLr(): number[] {
    const { startFactor: s, endFactor: e, totalIters: total } = this.options;
    return this.baseLrs.map((lr) => lr * (s + ((e - s) * Math.min(total, this.lastEpoch)) / total));
  }
}
