import { checkInteger, checkNonNegative } from '../validate.js';
import { LRScheduler, type LrGroups } from './lr-scheduler.js';

export interface StepLROptions {
  /** Epochs between decays. */
  stepSize: number;
  /** Factor applied every `stepSize` epochs; default 0.1. */
  gamma?: number;
}

/**
 * Multiplies each group's rate by `gamma` every `stepSize` epochs (torch's StepLR):
 * η_t = η₀ · γ^⌊t / stepSize⌋.
 *
 * ```ts
 * const sched = new StepLR(opt, { stepSize: 30, gamma: 0.1 });
 * ```
 */
export class StepLR extends LRScheduler<Required<StepLROptions>> {
  constructor(optimizer: LrGroups, options: StepLROptions) {
    super('StepLR', optimizer, {
      stepSize: options?.stepSize,
      gamma: options?.gamma ?? 0.1,
    } as Required<StepLROptions>);
  }

  protected checkOptions(o: Required<StepLROptions>): void {
    checkInteger(this.name, 'stepSize', o?.stepSize, 1);
    checkNonNegative(this.name, 'gamma', o.gamma);
  }

  protected getLr(): number[] {
    const { stepSize, gamma } = this.options;
    const epoch = this.lastEpoch;
    if (epoch === 0 || epoch % stepSize !== 0) return this.currentLrs();
    return this.currentLrs().map((lr) => lr * gamma);
  }

  protected closedFormLr(): number[] {
    const { stepSize, gamma } = this.options;
    return this.baseLrs.map((lr) => lr * gamma ** Math.floor(this.lastEpoch / stepSize));
  }
}
