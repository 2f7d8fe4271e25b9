// Builds the schedulers the fixtures describe, on a two-group SGD optimizer.
import { variable } from '@nabla/autograd';
import {
  CosineAnnealingLR,
  ExponentialLR,
  LinearLR,
  type LRScheduler,
  ReduceLROnPlateau,
  type Scheduler,
  SequentialLR,
  SGD,
  StepLR,
} from '../src/index.js';
import { readFixture, type SchedulerFixtures, type SchedulerSpec } from './fixtures.js';

export const fixtures = readFixture<SchedulerFixtures>('schedulers.json');

export function twoGroupSGD(lrs: number[] = fixtures.groupLrs): SGD {
  const groups = lrs.map((lr) => ({ params: [variable([0], { requiresGrad: true })], lr }));
  return new SGD(groups, { lr: 0.1 });
}

/** Any scheduler, through the public interface only: what a training loop sees. */
export function makeScheduler(opt: SGD, spec: SchedulerSpec): Scheduler {
  // Options come from JSON as written for each type; the constructors check them.
  const o = spec.options as never;
  switch (spec.type) {
    case 'StepLR':
      return new StepLR(opt, o);
    case 'ExponentialLR':
      return new ExponentialLR(opt, o);
    case 'CosineAnnealingLR':
      return new CosineAnnealingLR(opt, o);
    case 'LinearLR':
      return new LinearLR(opt, o);
    case 'ReduceLROnPlateau':
      return new ReduceLROnPlateau(opt, o);
    case 'SequentialLR': {
      const schedulers = spec.schedulers!.map((s) => makeScheduler(opt, s) as LRScheduler<object>);
      return new SequentialLR(opt, { schedulers, milestones: spec.options.milestones as number[] });
    }
    default:
      throw new Error(`unknown scheduler ${spec.type}`);
  }
}
