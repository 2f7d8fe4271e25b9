import { ArgumentError } from '@nabla/tensor';
import { showValue } from '../validate.js';
import {
  LRScheduler,
  type LrGroups,
  type Scheduler,
  type SchedulerStateDict,
} from './lr-scheduler.js';

export interface SequentialLROptions {
  /** The schedules, in order, all on this optimizer (already constructed). */
  schedulers: LRScheduler<object>[];
  /** The epochs where each next scheduler takes over: one fewer than `schedulers`, increasing. */
  milestones: number[];
}

/** SequentialLR's snapshot: its epoch and each scheduler's own snapshot. */
export interface SequentialLRStateDict {
  lastEpoch: number;
  milestones: number[];
  lastLr: number[];
  schedulers: SchedulerStateDict<object>[];
}

/**
 * Runs schedulers one after another, switching at the milestones (torch's SequentialLR): the
 * usual way to put a warm-up (`LinearLR`) before a decay (`CosineAnnealingLR`, `StepLR`, …).
 * At a milestone the next scheduler starts from its own epoch 0, at the groups' initial rates.
 */
export class SequentialLR implements Scheduler<SequentialLRStateDict> {
  readonly optimizer: LrGroups;
  readonly schedulers: LRScheduler<object>[];
  milestones: number[];
  lastEpoch: number;
  private lastLr: number[];

  constructor(optimizer: LrGroups, options: SequentialLROptions) {
    const op = 'SequentialLR';
    const { schedulers, milestones } = options ?? {};
    if (!Array.isArray(schedulers) || schedulers.length === 0) {
      throw new ArgumentError(
        op,
        `schedulers must be a non-empty array, got ${showValue(schedulers)}`,
      );
    }
    schedulers.forEach((s, i) => {
      if (!(s instanceof LRScheduler) || s.optimizer !== optimizer) {
        throw new ArgumentError(op, `schedulers[${i}] must be a scheduler of this optimizer`);
      }
    });
    if (
      !Array.isArray(milestones) ||
      milestones.length !== schedulers.length - 1 ||
      !milestones.every((m, i) => Number.isInteger(m) && m > (i === 0 ? 0 : milestones[i - 1]!))
    ) {
      throw new ArgumentError(
        op,
        `milestones must be ${schedulers.length - 1} increasing positive integers (one fewer than schedulers), got ${showValue(milestones)}`,
      );
    }
    this.optimizer = optimizer;
    this.schedulers = schedulers;
    this.milestones = [...milestones];
    this.lastEpoch = 0;
    // Undo what constructing the schedulers did to the rates and epochs, then start the first.
    for (const group of optimizer.paramGroups) group.lr = group.initialLr ?? group.lr;
    for (const s of schedulers) s.lastEpoch -= 1;
    schedulers[0]!.initialStep();
    this.lastLr = schedulers[0]!.getLastLr();
  }

  /** Advances one epoch, handing over to the next scheduler at a milestone. */
  step(): void {
    this.lastEpoch += 1;
    const index = this.milestones.filter((m) => m <= this.lastEpoch).length;
    const scheduler = this.schedulers[index]!;
    if (index > 0 && this.milestones[index - 1] === this.lastEpoch) scheduler.stepTo(0);
    else scheduler.step();
    this.lastLr = scheduler.getLastLr();
  }

  getLastLr(): number[] {
    return [...this.lastLr];
  }

  stateDict(): SequentialLRStateDict {
    return {
      lastEpoch: this.lastEpoch,
      milestones: [...this.milestones],
      lastLr: [...this.lastLr],
      schedulers: this.schedulers.map((s) => s.stateDict()),
    };
  }

  loadStateDict(stateDict: SequentialLRStateDict): void {
    const op = 'SequentialLR.loadStateDict';
    const { lastEpoch, milestones, lastLr, schedulers } = stateDict ?? {};
    if (!Number.isInteger(lastEpoch) || !Array.isArray(milestones) || !Array.isArray(lastLr)) {
      throw new ArgumentError(
        op,
        'expected { lastEpoch, milestones, lastLr, schedulers } as stateDict() returns',
      );
    }
    if (!Array.isArray(schedulers) || schedulers.length !== this.schedulers.length) {
      throw new ArgumentError(
        op,
        `expected ${this.schedulers.length} scheduler states, got ${Array.isArray(schedulers) ? schedulers.length : showValue(schedulers)}`,
      );
    }
    schedulers.forEach((s, i) => {
      this.schedulers[i]!.loadStateDict(s);
    });
    this.lastEpoch = lastEpoch;
    this.milestones = [...milestones];
    this.lastLr = [...lastLr];
  }
}
