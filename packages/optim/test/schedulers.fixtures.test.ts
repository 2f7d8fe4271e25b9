// Learning-rate schedules against PyTorch: the rate of each of two groups after construction and
// after every step, including two schedulers composing on one optimizer and SequentialLR.
import { expectAllClose } from '@nabla/testkit';
import { describe, it } from 'vitest';
import { fixtures, makeScheduler, twoGroupSGD } from './schedules.js';

describe('schedulers match PyTorch', () => {
  for (const c of fixtures.cases) {
    it(c.name, () => {
      const opt = twoGroupSGD();
      const schedulers = c.schedulers.map((spec) => makeScheduler(opt, spec));
      const lrs = [opt.paramGroups.map((g) => g.lr)];
      for (let i = 0; i < c.lrs.length - 1; i++) {
        for (const s of schedulers) s.step(c.metrics?.[i]);
        lrs.push(opt.paramGroups.map((g) => g.lr));
      }
      expectAllClose(lrs, c.lrs, { rtol: 1e-10, atol: 0 });
      expectAllClose(schedulers.at(-1)!.getLastLr(), c.lrs.at(-1)!, { rtol: 1e-10, atol: 0 });
    });
  }
});
