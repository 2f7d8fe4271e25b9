import { ArgumentError } from '@nabla/tensor';
import { showValue } from '../validate.js';

/** What a scheduler needs of an optimizer: its groups and their learning rates. */
export interface LrGroups {
  readonly paramGroups: { lr: number; initialLr?: number }[];
}

/**
 * Every scheduler: advance one epoch (or iteration), read the learning rates, save, resume.
 * `State` is what `stateDict` returns and `loadStateDict` takes: plain, JSON-safe data.
 */
export interface Scheduler<State = unknown> {
  /**
   * Advances by one epoch (or iteration) and sets every group's `lr`. `metric` is the monitored
   * value (a number, or a one-element Variable or Tensor): `ReduceLROnPlateau` requires it, the
   * other schedulers take no argument.
   */
  step(metric?: number | { item(): number }): void;
  /** The learning rate of each group, as the last `step` set it. */
  getLastLr(): number[];
  /** A snapshot to resume from (the optimizer's own state dict holds the groups' rates). */
  stateDict(): State;
  /** Restores what `stateDict` returned, checking it first. */
  loadStateDict(stateDict: State): void;
}

/** A scheduler's snapshot: plain numbers, JSON-safe. */
export interface SchedulerStateDict<O> {
  lastEpoch: number;
  stepCount: number;
  baseLrs: number[];
  lastLr: number[];
  options: O;
}

/**
 * The bookkeeping of torch's epoch-based schedulers (torch.optim.lr_scheduler.LRScheduler).
 * Creating one records each group's `initialLr` (if no scheduler did before) and takes the
 * step to epoch 0; each `step()` then advances `lastEpoch` by one and writes the new rates into
 * the optimizer's groups. Rates are computed in torch's chainable form, from the groups' current
 * `lr`, so two schedulers on one optimizer compose as in torch; `closedFormLr` is the same
 * schedule as a function of the epoch (used by `SequentialLR` at its milestones).
 *
 * Call `scheduler.step()` after `optimizer.step()`, once per epoch (or per iteration, if the
 * schedule is counted in iterations).
 */
export abstract class LRScheduler<O extends object> implements Scheduler<SchedulerStateDict<O>> {
  readonly optimizer: LrGroups;
  /** The hyperparameters (`gamma`, `tMax`, …), as constructed or loaded. */
  options: Readonly<O>;
  /** Each group's `initialLr`: the rate the schedule scales. */
  baseLrs: number[];
  /** The epoch the current rates belong to: 0 after construction. */
  lastEpoch = -1;
  /** How many times `step` ran (including the one in the constructor). */
  protected stepCount = 0;
  protected lastLr: number[] = [];
  protected readonly name: string;

  protected constructor(name: string, optimizer: LrGroups, options: O) {
    this.name = name;
    if (
      optimizer === null ||
      typeof optimizer !== 'object' ||
      !Array.isArray(optimizer.paramGroups)
    ) {
      throw new ArgumentError(name, `needs an optimizer, got ${showValue(optimizer)}`);
    }
    this.optimizer = optimizer;
    this.checkOptions(options);
    this.options = options;
    for (const group of optimizer.paramGroups) {
      if (group.initialLr === undefined) group.initialLr = group.lr;
    }
    this.baseLrs = optimizer.paramGroups.map((g) => g.initialLr as number);
    this.initialStep();
  }

  /** Rejects hyperparameters out of range, naming them. */
  protected abstract checkOptions(options: O): void;

  /** The next rates from the current ones (torch's `get_lr`), at `lastEpoch`. */
  protected abstract getLr(): number[];

  /** The rates at `lastEpoch` from `baseLrs` alone (torch's `_get_closed_form_lr`). */
  protected abstract closedFormLr(): number[];

  /** Advances the schedule by one epoch and sets every group's `lr`. */
  step(): void {
    this.stepCount += 1;
    this.lastEpoch += 1;
    this.apply(this.getLr());
  }

  /** The learning rate of each group, as the last `step` set it. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** @internal Restarts at epoch 0, as the constructor does (for `SequentialLR`). */
  initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  /** @internal Jumps to `epoch` with the closed form (torch's deprecated `step(epoch)`). */
  stepTo(epoch: number): void {
    this.stepCount += 1;
    this.lastEpoch = epoch;
    this.apply(this.closedFormLr());
  }

  /** A snapshot to resume from (the optimizer's own state dict holds the groups' rates). */
  stateDict(): SchedulerStateDict<O> {
    return {
      lastEpoch: this.lastEpoch,
      stepCount: this.stepCount,
      baseLrs: [...this.baseLrs],
      lastLr: [...this.lastLr],
      options: { ...this.options },
    };
  }

  /** Restores what `stateDict` returned; hyperparameters included, as in torch. */
  loadStateDict(stateDict: SchedulerStateDict<O>): void {
    const op = `${this.name}.loadStateDict`;
    const n = this.optimizer.paramGroups.length;
    const { lastEpoch, stepCount, baseLrs, lastLr, options } = stateDict ?? {};
    if (!Number.isInteger(lastEpoch) || !Number.isInteger(stepCount)) {
      throw new ArgumentError(
        op,
        `lastEpoch and stepCount must be integers, got ${showValue(lastEpoch)} and ${showValue(stepCount)}`,
      );
    }
    for (const [key, list] of [
      ['baseLrs', baseLrs],
      ['lastLr', lastLr],
    ] as const) {
      if (!Array.isArray(list) || list.length !== n || !list.every((x) => typeof x === 'number')) {
        throw new ArgumentError(
          op,
          `${key} must hold one number per parameter group (${n}), got ${showValue(list)}`,
        );
      }
    }
    this.checkOptions(options);
    this.lastEpoch = lastEpoch;
    this.stepCount = stepCount;
    this.baseLrs = [...baseLrs];
    this.lastLr = [...lastLr];
    this.options = { ...options };
  }

  /** The rate of group `i` now (what the chainable forms start from). */
  protected groupLr(i: number): number {
    return this.optimizer.paramGroups[i]!.lr;
  }

  /** The current rate of every group. */
  protected currentLrs(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  private apply(values: number[]): void {
    this.optimizer.paramGroups.forEach((group, i) => {
      group.lr = values[i]!;
    });
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }
}
