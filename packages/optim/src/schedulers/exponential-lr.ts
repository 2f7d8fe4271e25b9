import { checkNonNegative } from '../validate.js';
import { LRScheduler, type LrGroups } from './lr-scheduler.js';

export interface ExponentialLROptions {
  /** Factor applied every epoch. */
  gamma: number;
}

/**
 * Multiplies each group's rate by `gamma` every epoch (torch's ExponentialLR): η_t = η₀ · γᵗ.
 *
 * ```ts
 * const sched = new ExponentialLR(opt, { gamma: 0.95 });
 * ```
 */
export class ExponentialLR extends LRScheduler<ExponentialLROptions> {
  constructor(optimizer: LrGroups, options: ExponentialLROptions) {
    super('ExponentialLR', optimizer, { gamma: options?.gamma });
  }

  protected checkOptions(o: ExponentialLROptions): void {
    checkNonNegative(this.name, 'gamma', o?.gamma);
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0) return this.currentLrs();
    return this.currentLrs().map((lr) => lr * this.options.gamma);
  }

  protected closedFormLr(): number[] {
    return this.baseLrs.map((lr) => lr * this.options.gamma ** this.lastEpoch);
  }
}
