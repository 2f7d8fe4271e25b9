// Every optimizer against PyTorch: 100 steps on the fixtures' problem, float64, parameters after
// each step to 1e-10 relative; the loss before each step (checks the loop end to end); and the
// state after the last step, key by key, as torch's state_dict() holds it.
import { expectAllClose } from '@nabla/testkit';
import { describe, expect, it } from 'vitest';
import { fixtures, makeOptimizer, makeParams, trainStep } from './problem.js';

const TOLERANCE = {
  float64: { rtol: 1e-10, atol: 1e-12 },
  // torch computes float32 steps in float32, Nabla in float64 rounded to float32.
  float32: { rtol: 1e-5, atol: 1e-6 },
};

describe('optimizers match PyTorch step for step', () => {
  for (const c of fixtures.cases) {
    it(`${c.name} (${c.optimizer}, ${c.dtype}, ${c.losses.length} steps)`, () => {
      const params = makeParams(c.dtype);
      const unused = params.unused!.data.data.slice();
      const opt = makeOptimizer(c, params);
      const tol = TOLERANCE[c.dtype];
      c.losses.forEach((expectedLoss, step) => {
        const loss = trainStep(opt, params);
        try {
          expectAllClose(loss, expectedLoss, tol);
          for (const [name, values] of Object.entries(c.params[step]!)) {
            expectAllClose(params[name]!.data.data, values, tol);
          }
        } catch (error) {
          throw new Error(`step ${step + 1}: ${(error as Error).message}`);
        }
      });
      // The parameter that never gets a gradient is skipped: unchanged, and no state.
      expect(params.unused!.data.data).toEqual(unused);
      expect(opt.stateOf(params.unused!)).toBeUndefined();

      const { state } = opt.stateDict();
      const nonEmpty = Object.keys(state).filter((k) => Object.keys(state[Number(k)]!).length > 0);
      expect(nonEmpty.sort()).toEqual(Object.keys(c.finalState).sort());
      for (const [index, expected] of Object.entries(c.finalState)) {
        const actual = state[Number(index)]!;
        expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
        for (const [key, value] of Object.entries(expected)) {
          const got = actual[key]!;
          expectAllClose(typeof got === 'number' ? got : got.data, value, tol);
        }
      }
    });
  }
});
