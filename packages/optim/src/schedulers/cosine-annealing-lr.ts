import { checkInteger, checkNonNegative } from '../validate.js';
import { LRScheduler, type LrGroups } from './lr-scheduler.js';

export interface CosineAnnealingLROptions {
  /** Epochs from the initial rate down to `etaMin` (half a period). */
  tMax: number;
  /** The lowest rate; default 0. */
  etaMin?: number;
}

/**
 * Anneals each group's rate along half a cosine from its initial value η₀ to `etaMin` over
 * `tMax` epochs (torch's CosineAnnealingLR; the annealing part of SGDR, without restarts):
 *
 * ```text
 * η_t = η_min + (η₀ − η_min) · (1 + cos(π·t/T_max)) / 2
 * ```
 *
 * Past `tMax` the rate rises again (the cosine continues). As in torch, each step computes the
 * rate from the previous one (the chainable form), which equals the formula above when nothing
 * else changes the rate.
 */
export class CosineAnnealingLR extends LRScheduler<Required<CosineAnnealingLROptions>> {
  constructor(optimizer: LrGroups, options: CosineAnnealingLROptions) {
    super('CosineAnnealingLR', optimizer, {
      tMax: options?.tMax,
      etaMin: options?.etaMin ?? 0,
    } as Required<CosineAnnealingLROptions>);
  }

  protected checkOptions(o: Required<CosineAnnealingLROptions>): void {
    checkInteger(this.name, 'tMax', o?.tMax, 1);
    checkNonNegative(this.name, 'etaMin', o.etaMin);
  }

  protected getLr(): number[] {
    const { tMax, etaMin } = this.options;
    const t = this.lastEpoch;
    if (t === 0) return this.currentLrs();
    if ((t - 1 - tMax) % (2 * tMax) === 0) {
      // At the bottom of the cosine the ratio below is 0/0; torch steps by the increment instead.
      return this.currentLrs().map(
        (lr, i) => lr + ((this.baseLrs[i]! - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2,
      );
    }
    return this.currentLrs().map(
      (lr) =>
        ((1 + Math.cos((Math.PI * t) / tMax)) / (1 + Math.cos((Math.PI * (t - 1)) / tMax))) *
          (lr - etaMin) +
        etaMin,
    );
  }

  protected closedFormLr(): number[] {
    const { tMax, etaMin } = this.options;
    return this.baseLrs.map(
      (lr) => etaMin + ((lr - etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / tMax))) / 2,
    );
  }
}
